// The interactive map's figures in headless Chromium: how soon the map of a
// 5,000-person demo company is painted after the insight page starts loading,
// and the frames per second while panning and zooming (counted with
// requestAnimationFrame). `make bench-map` runs it on the release build.
import { chromium } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const people = Number(process.env.KNIT_BENCH_PEOPLE || 5000);
const port = 3150;
const base = `http://127.0.0.1:${port}`;
const knit = path.resolve('../target/release/knit');
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'knit-map-bench-'));
const env = { ...process.env, KNIT_DATA_DIR: data, KNIT_LISTEN: `127.0.0.1:${port}`, KNIT_SITE_ROOT: path.resolve('../target/site'), KNIT_SMTP_URL: '', KNIT_LOG: 'warn' };
const admin = { email: 'bench@knit.test', password: 'a long bench password' };

function run(args, input) {
  const result = spawnSync(knit, args, { env, input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`knit ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

console.log(`==> A demo company of ${people} people (knit demo) in ${data}`);
run(['demo', '--people', String(people)]);
run(['create-admin', '--email', admin.email, '--name', 'Bench'], `${admin.password}\n`);
const server = spawn(knit, ['serve'], { env, stdio: 'ignore' });
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (i > 300) throw new Error('knit serve did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--enable-unsafe-swiftshader'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/login`);
  await page.locator('input[name=email]').fill(admin.email);
  await page.locator('input[name=password]').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
  // The latest wave of the demo's survey.
  await page.goto(`${base}/surveys`);
  await page.getByRole('link', { name: /Who helps whom/ }).first().click();
  const insight = await page.getByRole('link', { name: 'Network insight' }).first().getAttribute('href');

  const paints = [];
  for (let round = 0; round < 5; round++) {
    await page.goto(`${base}${insight}`);
    await page.locator('.map-live[data-painted-at]').first().waitFor({ timeout: 60_000 });
    paints.push(await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType('navigation');
      const painted = Number(document.querySelector('.map-live[data-painted-at]').dataset.paintedAt);
      return { sinceStart: painted, sinceLoaded: painted - navigation.loadEventEnd, sinceHtml: painted - navigation.responseEnd };
    }));
  }
  const status = await page.locator('.map-live [role=status]').first().textContent();
  const canvas = page.getByRole('img', { name: 'Network map', exact: true }).first();
  await canvas.scrollIntoViewIfNeeded();

  // Pan (a drag) and zoom (the wheel), one step per animation frame for three
  // seconds; the frames the map drew in that time, per second.
  const motion = (kind) => canvas.evaluate(async (element, kind) => {
    const mount = element.closest('.map-live');
    const box = element.getBoundingClientRect();
    const at = (dx) => ({ clientX: box.left + box.width / 2 + dx, clientY: box.top + box.height / 2, bubbles: true, pointerId: 1, buttons: 1 });
    const framesBefore = Number(mount.dataset.frames);
    if (kind === 'pan') element.dispatchEvent(new PointerEvent('pointerdown', at(0)));
    const start = performance.now();
    let steps = 0;
    await new Promise((done) => {
      const step = (now) => {
        steps += 1;
        if (kind === 'pan') element.dispatchEvent(new PointerEvent('pointermove', at(Math.sin(steps / 10) * 200)));
        else element.dispatchEvent(new WheelEvent('wheel', { ...at(0), deltaY: steps % 60 < 30 ? -40 : 40, cancelable: true }));
        if (now - start < 3000) requestAnimationFrame(step);
        else done();
      };
      requestAnimationFrame(step);
    });
    if (kind === 'pan') element.dispatchEvent(new PointerEvent('pointerup', at(0)));
    const seconds = (performance.now() - start) / 1000;
    return { fps: (Number(mount.dataset.frames) - framesBefore) / seconds, ticks: steps / seconds };
  }, kind);
  const pan = await motion('pan');
  const zoom = await motion('zoom');
  await browser.close();

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ms = (x) => `${Math.round(x)} ms`;
  console.log(`==> ${status.trim()}`);
  console.log(`map painted (median of ${paints.length} loads): ${ms(median(paints.map((p) => p.sinceStart)))} after the page was requested, ` +
    `${ms(median(paints.map((p) => p.sinceHtml)))} after its HTML arrived, ${ms(median(paints.map((p) => p.sinceLoaded)))} after its load event`);
  console.log(`pan:  ${pan.fps.toFixed(1)} frames per second drawn (${pan.ticks.toFixed(1)} animation frames per second)`);
  console.log(`zoom: ${zoom.fps.toFixed(1)} frames per second drawn (${zoom.ticks.toFixed(1)} animation frames per second)`);
} finally {
  server.kill();
  fs.rmSync(data, { recursive: true, force: true });
}
