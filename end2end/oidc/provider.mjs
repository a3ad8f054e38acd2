// A real OpenID provider for the single sign-on tests: panva's oidc-provider
// (certified by the OpenID Foundation) with its development login screens.
// Any login name signs in as <name>@example.com; a name that starts with
// "unverified" has an email the provider has not verified.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 3190);
const issuer = `http://127.0.0.1:${port}`;
const redirectUri = process.env.OIDC_REDIRECT_URI ?? 'http://127.0.0.1:3103/auth/oidc/callback';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'knit',
      client_secret: 'knit-e2e-secret',
      redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: `subject-${id}`,
          email: `${id}@example.com`,
          email_verified: !id.startsWith('unverified'),
          name: id.charAt(0).toUpperCase() + id.slice(1),
        };
      },
    };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  pkce: { required: () => true },
  cookies: { keys: ['only-for-the-browser-tests'] },
  features: { devInteractions: { enabled: true } },
});

provider.listen(port, '127.0.0.1', () => console.log(`OpenID provider at ${issuer}`));
