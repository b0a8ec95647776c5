/** Snapshot records -> Okta Management API JSON (User, Group, Application, Client, grants). */
import type {
  SnapshotApp,
  SnapshotGrant,
  SnapshotGroup,
  SnapshotOrg,
  SnapshotUser,
} from './snapshot-format.ts';

const href = (h: string) => ({ href: h });

/** A client id in a URL path: custom client ids may hold `$+!*'(),`. */
export const clientPath = (base: string, clientId: string) =>
  `${base}/oauth2/v1/clients/${encodeURIComponent(clientId)}`;

// biome-ignore lint/suspicious/noTemplateCurlyInString: Okta's expression language, not a JS template
const USERNAME_TEMPLATE = { template: '${source.login}', type: 'BUILT_IN' };

export function userJson(base: string, u: SnapshotUser) {
  const active = u.status !== 'STAGED';
  return {
    id: u.id,
    status: u.status,
    created: u.created,
    activated: active ? u.created : null,
    statusChanged: active ? u.created : null,
    lastLogin: null,
    lastUpdated: u.created,
    passwordChanged: active ? u.created : null,
    type: { id: 'oty1simdefaultusertype' },
    profile: {
      firstName: u.profile.firstName,
      lastName: u.profile.lastName,
      mobilePhone: null,
      secondEmail: null,
      login: u.profile.login,
      email: u.profile.email,
      ...(u.profile.department !== undefined ? { department: u.profile.department } : {}),
      ...(u.profile.title !== undefined ? { title: u.profile.title } : {}),
    },
    credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: href(`${base}/api/v1/users/${u.id}`) },
  };
}

/** `embedded`: what `expand` asked for (`{ stats }`), as `_embedded`. */
export function groupJson(base: string, g: SnapshotGroup, embedded?: Record<string, unknown>) {
  return {
    id: g.id,
    created: g.created,
    lastUpdated: g.created,
    lastMembershipUpdated: g.created,
    objectClass: [g.type === 'APP_GROUP' ? 'okta:windows_security_principal' : 'okta:user_group'],
    type: g.type,
    profile: { name: g.profile.name, description: g.profile.description ?? '' },
    ...(embedded ? { _embedded: embedded } : {}),
    _links: {
      logo: [
        { name: 'medium', href: `${base}/assets/img/logos/groups/okta-medium.png`, type: 'image/png' },
        { name: 'large', href: `${base}/assets/img/logos/groups/okta-large.png`, type: 'image/png' },
      ],
      users: href(`${base}/api/v1/groups/${g.id}/users`),
      apps: href(`${base}/api/v1/groups/${g.id}/apps`),
      self: href(`${base}/api/v1/groups/${g.id}`),
    },
  };
}

/** `settings.app` filled with what each signOnMode's schema requires. */
function appSettingsApp(a: SnapshotApp): Record<string, unknown> {
  const url = `https://${a.name}.example.com/`;
  switch (a.signOnMode) {
    case 'BOOKMARK':
      return { requestIntegration: false, url };
    case 'BASIC_AUTH':
      return { url, authURL: `${url}login` };
    case 'BROWSER_PLUGIN':
    case 'SECURE_PASSWORD_STORE':
      return { url, usernameField: 'username', passwordField: 'password', buttonField: 'submit' };
    case 'WS_FEDERATION':
      return {
        audienceRestriction: url,
        groupValueFormat: 'windowsDomainQualifiedName',
        wReplyURL: url,
        nameIDFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
        authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
        siteURL: url,
        usernameAttribute: 'username',
      };
    default:
      return {};
  }
}

export function appJson(base: string, a: SnapshotApp, org: SnapshotOrg) {
  const oauth = a.oauthClient;
  const service = oauth?.applicationType === 'service';
  return {
    id: a.id,
    orn: `orn:${org.partition}:idp:${org.id}:apps:${a.name}:${a.id}`,
    name: a.name,
    label: a.label,
    status: a.status,
    lastUpdated: a.created,
    created: a.created,
    accessibility: { selfService: false },
    visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false }, appLinks: {} },
    features: [],
    signOnMode: a.signOnMode,
    credentials: oauth
      ? {
          userNameTemplate: USERNAME_TEMPLATE,
          signing: {},
          oauthClient: {
            autoKeyRotation: true,
            client_id: oauth.clientId,
            token_endpoint_auth_method: oauth.tokenEndpointAuthMethod,
            pkce_required: oauth.applicationType === 'browser' || oauth.applicationType === 'native',
          },
        }
      : { userNameTemplate: USERNAME_TEMPLATE, signing: {} },
    settings: {
      app: appSettingsApp(a),
      notifications: { vpn: { network: { connection: 'DISABLED' } } },
      ...(oauth
        ? {
            oauthClient: {
              redirect_uris: service ? [] : [`https://${a.name}.example.com/callback`],
              response_types: service ? ['token'] : ['code'],
              grant_types: service ? ['client_credentials'] : ['authorization_code'],
              application_type: oauth.applicationType,
              consent_method: 'REQUIRED',
              issuer_mode: 'DYNAMIC',
              ...(oauth.jwks ? { jwks: { keys: oauth.jwks.keys } } : {}),
            },
          }
        : {}),
    },
    _links: {
      appLinks: [],
      groups: href(`${base}/api/v1/apps/${a.id}/groups`),
      logo: [{ name: 'medium', href: `${base}/assets/img/logos/default.png`, type: 'image/png' }],
      users: href(`${base}/api/v1/apps/${a.id}/users`),
      deactivate: href(`${base}/api/v1/apps/${a.id}/lifecycle/deactivate`),
      self: href(`${base}/api/v1/apps/${a.id}`),
    },
  };
}

/** /oauth2/v1/clients: the Dynamic Client Registration view of an OAuth app. */
export function clientJson(base: string, a: SnapshotApp) {
  const oauth = a.oauthClient;
  const service = oauth?.applicationType === 'service';
  return {
    client_id: oauth?.clientId ?? a.id,
    client_id_issued_at: Math.floor(Date.parse(a.created) / 1000),
    client_name: a.label,
    client_uri: null,
    logo_uri: null,
    redirect_uris: service ? [] : [`https://${a.name}.example.com/callback`],
    response_types: service ? ['token'] : ['code'],
    grant_types: service ? ['client_credentials'] : ['authorization_code'],
    token_endpoint_auth_method: oauth?.tokenEndpointAuthMethod ?? 'none',
    application_type: oauth?.applicationType ?? 'web',
    ...(oauth?.jwks ? { jwks: { keys: oauth.jwks.keys } } : {}),
    _links: {
      app: href(`${base}/api/v1/apps/${a.id}`),
      self: href(clientPath(base, oauth?.clientId ?? a.id)),
    },
  };
}

export function grantJson(base: string, app: SnapshotApp, g: SnapshotGrant) {
  return {
    id: g.id,
    status: g.status,
    created: g.created,
    createdBy: { id: 'sim', type: 'User' },
    lastUpdated: g.created,
    issuer: base,
    clientId: app.oauthClient?.clientId ?? app.id,
    scopeId: g.scopeId,
    source: 'ADMIN',
    _embedded: { scope: { id: g.scopeId } },
    _links: {
      app: { href: `${base}/api/v1/apps/${app.id}`, title: app.label },
      self: { href: `${base}/api/v1/apps/${app.id}/grants/${g.id}`, hints: { allow: ['GET', 'DELETE'] } },
      client: { href: clientPath(base, app.oauthClient?.clientId ?? app.id), title: app.label },
    },
  };
}
