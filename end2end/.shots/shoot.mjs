// Screenshots and overflow hunting as a signed-in analyst (not part of the suite).
import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:3999';
const [, , out, ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext();
const login = await context.request.post(`${base}/api/login`, {
  form: { email: 'hr@acme.test', password: 'a long password 1', next: '' },
  headers: { 'sec-fetch-site': 'same-origin', accept: 'application/json' },
});
const page = await context.newPage();
for (const spec of paths) {
  const [path, width] = spec.split('@');
  await page.setViewportSize({ width: Number(width || 1280), height: Number(width) === 360 ? 740 : 900 });
  await page.goto(base + path);
  await page.waitForTimeout(1500);
  const wide = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const found = [];
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (r.right > w + 1 && !e.closest('.table-scroll')) found.push(`${e.tagName}.${e.className} right=${Math.round(r.right)}`);
    }
    return { over: document.documentElement.scrollWidth - w, found: found.slice(0, 8) };
  });
  const name = `${out}/${path.replace(/[^a-z0-9]+/gi, '_')}-${width || 1280}.png`;
  await page.screenshot({ path: name, fullPage: true });
  console.log(spec, JSON.stringify(wide), name);
}
await browser.close();
