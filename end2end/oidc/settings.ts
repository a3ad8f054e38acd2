// Shared by playwright.config.ts and the single sign-on tests.
export const singleSignOn = {
  knit: 'http://127.0.0.1:3103',
  provider: 'http://127.0.0.1:3190',
  breakGlassAdmin: 'root@example.com',
  label: 'Sign in with Acme ID',
};
