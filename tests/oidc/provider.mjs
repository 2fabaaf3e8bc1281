// A real OpenID provider (the certified `oidc-provider` package) for the single sign-on tests.
//
// Started by tests/oidc/conftest.py: it listens on a free port of 127.0.0.1, then prints one
// line of JSON, {"issuer": ...}, and serves until its standard input closes. Everything is
// in memory (the package's own adapter). The clients and people come as JSON in the
// OIDC_TEST_SETUP environment variable: {"clients": [...], "users": {login: claims}}. Someone
// signs in on the package's own development pages with their login and any password.
import http from 'node:http';
import Provider from 'oidc-provider';

const setup = JSON.parse(process.env.OIDC_TEST_SETUP);

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: setup.clients,
    // Like Entra ID: name, username and groups come in the ID token itself.
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub', 'groups'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    async findAccount(ctx, id) {
      const claims = setup.users[id];
      if (!claims) return undefined;
      return { accountId: id, async claims() { return { sub: id, ...claims }; } };
    },
    // The app must send PKCE, whatever kind of client it is.
    pkce: { required: () => true },
    ttl: { IdToken: 600, AccessToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
    cookies: { keys: ['only-for-the-tests'] },
    features: { devInteractions: { enabled: true } },
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

// The test run ends: so does the provider.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
