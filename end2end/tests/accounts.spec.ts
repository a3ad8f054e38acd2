import { test, expect, admin, type Page } from './fixtures';

// These steps build on each other (setup first), so they run in order.
test.describe.configure({ mode: 'serial' });


/** With JavaScript on, wait until the client has taken over the page. */
async function ready(page: Page, javaScriptEnabled: boolean | undefined) {
  if (javaScriptEnabled) {
    await expect(page.locator('[data-hydrated="true"]')).toHaveCount(1);
  }
}

test('first run shows setup, which creates the first admin', async ({ page, javaScriptEnabled }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Set up Knit' })).toBeVisible();
  await ready(page, javaScriptEnabled);

  // Bad input is explained, and nothing is created.
  await page.locator('input[name=organization]').fill(admin.organization);
  await page.locator('input[name=name]').fill(admin.name);
  await page.locator('input[name=email]').fill(admin.email);
  await page.locator('input[name=password]').fill('short');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByRole('alert')).toContainText('Password: use at least 10 characters');

  await ready(page, javaScriptEnabled);
  await page.locator('input[name=organization]').fill(admin.organization);
  await page.locator('input[name=name]').fill(admin.name);
  await page.locator('input[name=email]').fill(admin.email);
  await page.locator('input[name=password]').fill(admin.password);
  await page.getByRole('button', { name: 'Create administrator' }).click();

  await expect(page.getByRole('heading', { name: `Welcome, ${admin.name}` })).toBeVisible();
  await expect(page.getByText(admin.organization)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(admin.name);
});

test('sign out ends the session', async ({ page, javaScriptEnabled }) => {
  await signIn(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // The start page now asks for sign-in again.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('a wrong password is refused with a clear message', async ({ page, javaScriptEnabled }) => {
  await page.goto('/login');
  await ready(page, javaScriptEnabled);
  await page.locator('input[name=email]').fill(admin.email);
  await page.locator('input[name=password]').fill('not my password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  await expect(page.locator('input[name=email]')).toHaveValue(admin.email);
  await expect(page.locator('input[name=password]')).toHaveValue('');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('navigation', { name: 'Account' })).toHaveCount(0);
});

test('sign in returns to the page that asked for it', async ({ page, javaScriptEnabled }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  await ready(page, javaScriptEnabled);
  await page.locator('input[name=email]').fill(admin.email.toUpperCase());
  await page.locator('input[name=password]').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(page.getByText('Administrator').first()).toBeVisible();
});

test('the Show button works only once the client has hydrated', async ({ page, javaScriptEnabled }) => {
  await page.goto('/login');
  await ready(page, javaScriptEnabled);
  const password = page.locator('input[name=password]');
  await password.fill('peekaboo');
  await page.getByRole('button', { name: 'Show password' }).click();
  // A client-side interaction: with JavaScript off the button can do nothing.
  await expect(password).toHaveAttribute('type', javaScriptEnabled ? 'text' : 'password');
});

test('pages fit a 360 px phone screen', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, javaScriptEnabled);
  for (const path of ['/', '/account']) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

async function signIn(page: Page, javaScriptEnabled: boolean | undefined) {
  await page.goto('/login');
  await ready(page, javaScriptEnabled);
  await page.locator('input[name=email]').fill(admin.email);
  await page.locator('input[name=password]').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: `Welcome, ${admin.name}` })).toBeVisible();
}
