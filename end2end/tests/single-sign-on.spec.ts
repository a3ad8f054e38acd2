import { test, expect, type Page } from './fixtures';
import { singleSignOn } from '../oidc/settings';

// Runs against the Knit at 3103, which signs in through the OpenID provider
// started by playwright.config.ts (oidc/provider.mjs) and allows passwords
// only for its break-glass administrator.
test.describe.configure({ mode: 'serial' });

const root = { email: singleSignOn.breakGlassAdmin, password: 'break glass in case of fire' };

/**
 * Signs in at the provider's own screens (login, then consent, each only if
 * the provider asks) until the browser is back at Knit.
 */
async function atTheProvider(page: Page, login: string) {
  for (let step = 0; step < 4; step++) {
    await page.waitForURL((url) => url.origin === singleSignOn.knit || url.pathname.startsWith('/interaction/'));
    const here = page.url();
    if (new URL(here).origin === singleSignOn.knit) return;
    if (await page.locator('input[name=login]').count()) {
      await page.locator('input[name=login]').fill(login);
      await page.locator('input[name=password]').fill('any password works here');
      await page.getByRole('button', { name: 'Sign-in' }).click();
    } else {
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.waitForURL((url) => url.href !== here);
  }
  throw new Error(`still at the provider: ${page.url()}`);
}

async function throughTheProvider(page: Page, login: string) {
  await page.getByRole('link', { name: singleSignOn.label }).click();
  await atTheProvider(page, login);
}

/** Sets out as Knit's button would, and returns where Knit sends the browser. */
async function providerAddress(page: Page): Promise<URL> {
  const departure = await page.request.get('/auth/oidc/start', { maxRedirects: 0 });
  expect(departure.status()).toBe(303);
  return new URL(departure.headers()['location']);
}

async function signInAsBreakGlassAdmin(page: Page) {
  await page.goto('/login');
  await page.getByText('Administrator sign-in with a password').click();
  await page.locator('input[name=email]').fill(root.email);
  await page.locator('input[name=password]').fill(root.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Root' })).toBeVisible();
}

test('first run still sets up the break-glass administrator with a password', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await page.locator('input[name=organization]').fill('Acme');
  await page.locator('input[name=name]').fill('Root');
  await page.locator('input[name=email]').fill(root.email);
  await page.locator('input[name=password]').fill(root.password);
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Root' })).toBeVisible();
});

test('the sign-in page offers single sign-on, and passwords only to the break-glass administrator', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('link', { name: singleSignOn.label })).toBeVisible();
  // The password form is folded away, and refuses everyone else.
  await expect(page.locator('input[name=password]')).toBeHidden();
  await page.getByText('Administrator sign-in with a password').click();
  await page.locator('input[name=email]').fill('maria@example.com');
  await page.locator('input[name=password]').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Password sign-in is turned off here');
  await signInAsBreakGlassAdmin(page);
});

test('a verified person signs in through the provider and gets a manager account', async ({ page }) => {
  await page.goto('/login?next=/account');
  await throughTheProvider(page, 'maria');
  await expect(page).toHaveURL(`${singleSignOn.knit}/account`);
  await expect(page.locator('dl.facts')).toContainText('maria@example.com');
  await expect(page.locator('dl.facts')).toContainText('Manager');
  // Signing in again finds the same account by the provider's subject.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto('/login');
  await throughTheProvider(page, 'maria');
  await expect(page.getByRole('heading', { name: 'Welcome, Maria' })).toBeVisible();
});

test('a callback in a browser whose state cookie differs is refused', async ({ page, context }) => {
  await page.goto(String(await providerAddress(page)));
  // Another browser's state: the provider's answer no longer matches this one.
  await context.addCookies([
    { name: 'knit_sso_state', value: 'a-state-from-another-browser', domain: '127.0.0.1', path: '/auth/oidc' },
  ]);
  await atTheProvider(page, 'maria');
  await expect(page).toHaveURL(/\/login\?sso=state$/);
  await expect(page.getByRole('alert')).toContainText('started in another browser');
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login/);
});

test('a callback that was already used is refused', async ({ page }) => {
  await page.goto(String(await providerAddress(page)));
  const callbacks: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/auth/oidc/callback')) callbacks.push(request.url());
  });
  await atTheProvider(page, 'maria');
  await expect(page.getByRole('heading', { name: 'Welcome, Maria' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(callbacks[0]);
  await expect(page).toHaveURL(/\/login\?sso=state$/);
});

test('an ID token with another nonce is refused', async ({ page }) => {
  // The provider is asked for another nonce than Knit made, so the ID token
  // it signs carries the wrong one.
  const address = await providerAddress(page);
  address.searchParams.set('nonce', 'a-nonce-knit-never-made');
  await page.goto(String(address));
  await atTheProvider(page, 'maria');
  await expect(page).toHaveURL(/\/login\?sso=token$/);
  await expect(page.getByRole('alert')).toContainText('could not verify');
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login/);
});

test('an email the provider has not verified gets no account', async ({ page }) => {
  await page.goto('/login');
  await throughTheProvider(page, 'unverified-ola');
  await expect(page).toHaveURL(/\/login\?sso=unverified$/);
  await expect(page.getByRole('alert')).toContainText('has not verified your email address');
  await signInAsBreakGlassAdmin(page);
  await page.goto('/accounts');
  await expect(page.getByRole('cell', { name: 'maria@example.com' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'unverified-ola@example.com' })).toHaveCount(0);
});

test('a disabled account cannot sign in through the provider', async ({ page, browser }) => {
  await signInAsBreakGlassAdmin(page);
  await page.goto('/accounts');
  const maria = page.getByRole('row').filter({ hasText: 'maria@example.com' });
  // Her sessions are listed, with how she signed in.
  await maria.getByText(/\d+ sessions?/).click();
  await expect(maria).toContainText('by single sign-on');
  // Passwords are off for her, so there is no reset link to send.
  await expect(maria.getByRole('button', { name: 'Send reset link' })).toHaveCount(0);
  await maria.getByRole('button', { name: 'Disable' }).click();
  await expect(maria).toContainText('(disabled)');

  const elsewhere = await (await browser.newContext()).newPage();
  await elsewhere.goto(`${singleSignOn.knit}/login`);
  await throughTheProvider(elsewhere, 'maria');
  await expect(elsewhere).toHaveURL(/\/login\?sso=disabled$/);
  await expect(elsewhere.getByRole('alert')).toContainText('This account is disabled');
  await elsewhere.context().close();
});
