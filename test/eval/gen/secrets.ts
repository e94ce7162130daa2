import type { LookalikeRecord, SecretRecord } from '../dataset.ts';
import { ALNUM, B64, B64URL, DIGITS, HEX, LOWER, UPPER, type Rng } from './rng.ts';

/**
 * Fake secrets in the real formats of each provider (prefix, alphabet, length), placed in the
 * kinds of text people paste into a chat: code, shell commands, config files, logs, questions.
 * Every value is produced by the seeded Rng: none is a live credential.
 */

type Draft = Omit<SecretRecord, 'id'>;
type LookDraft = Omit<LookalikeRecord, 'id'>;

const wrap = (body: string, width: number, indent = ''): string => {
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += width) lines.push(indent + body.slice(i, i + width));
  return lines.join('\n');
};

const b64urlJson = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function pem(label: string, derPrefix: string, bodyLength: number, rng: Rng, indent = ''): string {
  let body = derPrefix + rng.string(B64, bodyLength - derPrefix.length);
  body = body.slice(0, -1) + '=';
  return `-----BEGIN ${label}-----\n${wrap(body, 64, indent)}\n${indent}-----END ${label}-----`;
}

function password(rng: Rng, length: number, extra = ''): string {
  // Always starts and ends with an alphanumeric character so that the recorded value is unambiguous.
  return rng.string(ALNUM, 1) + rng.string(ALNUM + extra, length - 2) + rng.string(ALNUM, 1);
}

export function makeSecrets(rng: Rng): Draft[] {
  const out: Draft[] = [];
  const add = (kind: string, secret: string, text: (s: string) => string): void => {
    out.push({ kind, secret, text: text(secret) });
  };

  // OpenAI
  const openaiLegacy = (): string => `sk-${rng.string(ALNUM, 20)}T3BlbkFJ${rng.string(ALNUM, 20)}`;
  const openaiProject = (prefix: string): string =>
    `${prefix}${rng.string(ALNUM, 1)}${rng.string(B64URL, 72)}${rng.string(ALNUM, 1)}T3BlbkFJ${rng.string(ALNUM, 1)}${rng.string(B64URL, 72)}${rng.string(ALNUM, 1)}`;
  add('openai', openaiLegacy(), (s) => `My OpenAI key ${s} stopped working yesterday, is there an outage?`);
  add('openai', openaiLegacy(), (s) => `import openai\nopenai.api_key = "${s}"\nprint(openai.Model.list())`);
  add('openai', openaiLegacy(), (s) => `curl https://api.openai.com/v1/models -H "Authorization: Bearer ${s}"`);
  add('openai-project', openaiProject('sk-proj-'), (s) => `const client = new OpenAI({ apiKey: '${s}' });\nwhy do I get 401?`);
  add('openai-project', openaiProject('sk-proj-'), (s) => `OPENAI_API_KEY=${s}\nOPENAI_ORG=org-main`);
  add('openai-project', openaiProject('sk-proj-'), (s) => `Here is the error: openai.AuthenticationError: Incorrect API key provided: ${s}. You can find your API key at the dashboard.`);
  add('openai-project', openaiProject('sk-proj-'), (s) => `export OPENAI_API_KEY="${s}"`);
  add('openai-project', openaiProject('sk-svcacct-'), (s) => `The service account key for the batch job is ${s} - can you tell me why batch creation fails?`);

  // Anthropic
  const anthropic = (): string => `sk-ant-api03-${rng.string(ALNUM, 1)}${rng.string(B64URL, 91)}${rng.string(ALNUM, 1)}AA`;
  add('anthropic', anthropic(), (s) => `client = anthropic.Anthropic(api_key="${s}")`);
  add('anthropic', anthropic(), (s) => `ANTHROPIC_API_KEY=${s}`);
  add('anthropic', anthropic(), (s) => `curl https://api.anthropic.com/v1/messages -H "x-api-key: ${s}" -H "anthropic-version: 2023-06-01"`);
  add('anthropic', anthropic(), (s) => `I rotated the old key but this one still works: ${s} Should I revoke it too?`);

  // AWS
  const base32 = UPPER + '234567';
  const awsSecret = (): string => rng.string(ALNUM, 1) + rng.string(B64, 38) + rng.string(ALNUM, 1);
  add('aws-access-key-id', `AKIA${rng.string(base32, 16)}`, (s) => `[default]\naws_access_key_id = ${s}\nregion = eu-west-1`);
  add('aws-access-key-id', `AKIA${rng.string(base32, 16)}`, (s) => `Our CI fails with "The security token included in the request is invalid" for access key ${s}. Why?`);
  add('aws-access-key-id', `AKIA${rng.string(base32, 16)}`, (s) => `const s3 = new S3Client({ credentials: { accessKeyId: '${s}', secretAccessKey: process.env.AWS_SECRET } });`);
  add('aws-access-key-id', `ASIA${rng.string(base32, 16)}`, (s) => `export AWS_ACCESS_KEY_ID=${s}`);
  add('aws-secret-access-key', awsSecret(), (s) => `[default]\naws_access_key_id_env = from-vault\naws_secret_access_key = ${s}`);
  add('aws-secret-access-key', awsSecret(), (s) => `export AWS_SECRET_ACCESS_KEY=${s}`);
  add('aws-secret-access-key', awsSecret(), (s) => `{"AccessKeyId": "from-env", "SecretAccessKey": "${s}", "Region": "us-east-1"}`);
  add('aws-secret-access-key', awsSecret(), (s) => `aws:\n  region: us-east-2\n  secret_access_key: ${s}`);

  // GitHub
  add('github-pat-classic', `ghp_${rng.string(ALNUM, 36)}`, (s) => `git clone https://${s}@github.com/acme/private-repo.git fails with 403, why?`);
  add('github-pat-classic', `ghp_${rng.string(ALNUM, 36)}`, (s) => `GITHUB_TOKEN=${s}`);
  add('github-oauth', `gho_${rng.string(ALNUM, 36)}`, (s) => `The OAuth app returned access_token=${s}&scope=repo&token_type=bearer`);
  add('github-app', `ghs_${rng.string(ALNUM, 36)}`, (s) => `Installation token: ${s} (expires in 1 hour)`);
  add('github-user-to-server', `ghu_${rng.string(ALNUM, 36)}`, (s) => `headers = {"Authorization": "token ${s}"}`);
  add('github-pat-fine-grained', `github_pat_${rng.string(ALNUM, 22)}_${rng.string(ALNUM, 59)}`, (s) => `gh auth login --with-token <<< ${s}`);
  add('github-pat-fine-grained', `github_pat_${rng.string(ALNUM, 22)}_${rng.string(ALNUM, 59)}`, (s) => `Why does this fine-grained token ${s} not see the org repos?`);

  // GitLab
  add('gitlab-pat', `glpat-${rng.string(ALNUM, 1)}${rng.string(B64URL, 18)}${rng.string(ALNUM, 1)}`, (s) => `curl --header "PRIVATE-TOKEN: ${s}" https://gitlab.com/api/v4/projects`);
  add('gitlab-pat', `glpat-${rng.string(ALNUM, 1)}${rng.string(B64URL, 18)}${rng.string(ALNUM, 1)}`, (s) => `GITLAB_TOKEN: ${s}`);
  add('gitlab-pat', `glpat-${rng.string(ALNUM, 1)}${rng.string(B64URL, 18)}${rng.string(ALNUM, 1)}`, (s) => `git remote set-url origin https://oauth2:${s}@gitlab.com/team/app.git`);

  // Slack
  const xoxb = (): string => `xoxb-${rng.string(DIGITS, 11)}-${rng.string(DIGITS, 13)}-${rng.string(ALNUM, 24)}`;
  const xoxp = (): string => `xoxp-${rng.string(DIGITS, 11)}-${rng.string(DIGITS, 11)}-${rng.string(DIGITS, 13)}-${rng.string(HEX, 32)}`;
  const hook = (): string =>
    `https://hooks.slack.com/services/T${rng.string(UPPER + DIGITS, 8)}/B${rng.string(UPPER + DIGITS, 10)}/${rng.string(ALNUM, 24)}`;
  add('slack-bot-token', xoxb(), (s) => `const app = new App({ token: "${s}", signingSecret: process.env.SLACK_SIGNING_SECRET });`);
  add('slack-bot-token', xoxb(), (s) => `SLACK_BOT_TOKEN=${s}`);
  add('slack-user-token', xoxp(), (s) => `curl -H "Authorization: Bearer ${s}" https://slack.com/api/conversations.list`);
  add('slack-user-token', xoxp(), (s) => `my legacy token is ${s}, will it stop working?`);
  add('slack-webhook', hook(), (s) => `curl -X POST -H 'Content-type: application/json' --data '{"text":"deploy done"}' ${s}`);
  add('slack-webhook', hook(), (s) => `alerting:\n  slack_webhook_url: "${s}"`);
  add('slack-webhook', hook(), (s) => `Why does posting to ${s} return invalid_payload?`);

  // Stripe
  add('stripe-secret', `sk_live_${rng.string(ALNUM, 24)}`, (s) => `Stripe.api_key = "${s}"`);
  add('stripe-secret', `sk_live_51${rng.string(ALNUM, 97)}`, (s) => `const stripe = require('stripe')('${s}');`);
  add('stripe-secret', `sk_live_51${rng.string(ALNUM, 97)}`, (s) => `STRIPE_SECRET_KEY=${s}`);
  add('stripe-restricted', `rk_live_51${rng.string(ALNUM, 97)}`, (s) => `Our restricted key ${s} gets "permission denied" on refunds.`);
  add('stripe-restricted', `rk_live_${rng.string(ALNUM, 24)}`, (s) => `stripe:\n  restricted_key: ${s}`);

  // Google
  const aiza = (): string => `AIzaSy${rng.string(ALNUM, 1)}${rng.string(B64URL, 31)}${rng.string(ALNUM, 1)}`;
  add('google-api-key', aiza(), (s) => `https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=${s}`);
  add('google-api-key', aiza(), (s) => `const firebaseConfig = { apiKey: "${s}", projectId: "demo-app" };`);
  add('google-api-key', aiza(), (s) => `GEMINI_API_KEY=${s}`);

  // Twilio
  add('twilio-api-key', `SK${rng.string(HEX, 32)}`, (s) => `client = Client("${s}", api_secret, account_sid)`);
  add('twilio-auth-token', rng.string(HEX, 32), (s) => `TWILIO_ACCOUNT_SID=from-console\nTWILIO_AUTH_TOKEN=${s}`);

  // SendGrid
  const sg = (): string => `SG.${rng.string(ALNUM, 1)}${rng.string(B64URL, 20)}${rng.string(ALNUM, 1)}.${rng.string(ALNUM, 1)}${rng.string(B64URL, 41)}${rng.string(ALNUM, 1)}`;
  add('sendgrid', sg(), (s) => `sg = SendGridAPIClient('${s}')`);
  add('sendgrid', sg(), (s) => `SENDGRID_API_KEY=${s}`);
  add('sendgrid', sg(), (s) => `Emails bounce when I use API key ${s} - what is wrong with my sender setup?`);

  // npm, PyPI, Hugging Face
  add('npm-token', `npm_${rng.string(ALNUM, 36)}`, (s) => `//registry.npmjs.org/:_authToken=${s}`);
  add('npm-token', `npm_${rng.string(ALNUM, 36)}`, (s) => `NPM_TOKEN=${s} npm publish --access public`);
  add('npm-token', `npm_${rng.string(ALNUM, 36)}`, (s) => `Publishing fails with E401 even though I set the token ${s} in CI.`);
  add('pypi-token', `pypi-AgEIcHlwaS5vcmc${rng.string(B64URL, 150)}${rng.string(ALNUM, 1)}`, (s) => `[pypi]\n  username = __token__\n  password = ${s}`);
  add('pypi-token', `pypi-AgEIcHlwaS5vcmc${rng.string(B64URL, 160)}${rng.string(ALNUM, 1)}`, (s) => `twine upload dist/* -u __token__ -p ${s}`);
  add('huggingface', `hf_${rng.string(UPPER + LOWER, 34)}`, (s) => `from huggingface_hub import login\nlogin(token="${s}")`);
  add('huggingface', `hf_${rng.string(UPPER + LOWER, 34)}`, (s) => `HF_TOKEN=${s}`);
  add('huggingface', `hf_${rng.string(UPPER + LOWER, 34)}`, (s) => `curl https://huggingface.co/api/whoami-v2 -H "Authorization: Bearer ${s}"`);

  // JWTs
  const jwt = (alg: string, sigLength: number, claims: Record<string, unknown>): string =>
    `${b64urlJson({ alg, typ: 'JWT' })}.${b64urlJson(claims)}.${rng.string(ALNUM, 1)}${rng.string(B64URL, sigLength - 2)}${rng.string(ALNUM, 1)}`;
  const now = 1_712_000_000 + rng.int(10_000_000);
  add('jwt', jwt('HS256', 43, { sub: rng.string(DIGITS, 8), role: 'admin', iat: now, exp: now + 3600 }), (s) => `Authorization: Bearer ${s}`);
  add('jwt', jwt('RS256', 342, { iss: 'https://auth.acme-corp.io/', sub: `user_${rng.string(ALNUM, 12)}`, aud: 'api', iat: now, exp: now + 900 }), (s) => `Why does my API reject this token? ${s}`);
  add('jwt', jwt('HS512', 86, { uid: rng.int(100000), scope: 'read write', iat: now }), (s) => `document.cookie = "session=${s}; path=/";`);
  add('jwt', jwt('ES256', 86, { sub: rng.string(HEX, 24), tenant: 'prod', iat: now, exp: now + 86400 }), (s) => `{"access_token": "${s}", "token_type": "Bearer", "expires_in": 86400}`);

  // Private keys
  add('pem-rsa-private-key', pem('RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEA', 1592, rng), (s) => `ssh says the permissions are too open for this key, here it is:\n\n${s}\n`);
  add('pem-rsa-private-key', pem('RSA PRIVATE KEY', 'MIIEowIBAAKCAQEA', 1588, rng, '    '), (s) => `apiVersion: v1\nkind: Secret\nstringData:\n  tls.key: |\n    ${s.trimStart()}\n`);
  add('pem-ec-private-key', pem('EC PRIVATE KEY', 'MHcCAQEEI', 164, rng), (s) => `openssl ec -in key.pem -text fails on:\n${s}`);
  // As in a Google service-account JSON file: newlines escaped as \n inside a JSON string.
  add('pem-pkcs8-private-key', pem('PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ', 1624, rng).replaceAll('\n', '\\n'), (s) => `{"type": "service_account", "private_key_id": "${rng.string(HEX, 40)}", "private_key": "${s}\\n"}`);
  const openssh = (): string => {
    const body = `b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW${rng.string(B64, 320)}`;
    return `-----BEGIN OPENSSH PRIVATE KEY-----\n${wrap(body.slice(0, -1) + '=', 70)}\n-----END OPENSSH PRIVATE KEY-----`;
  };
  add('openssh-private-key', openssh(), (s) => `cat ~/.ssh/id_ed25519\n${s}`);
  add('openssh-private-key', openssh(), (s) => `Deploy key for the runner:\n${s}\nWhy does GitHub say "key is invalid"?`);

  // Database URLs: the recorded secret is the password part.
  add('postgres-url-password', password(rng, 18), (s) => `DATABASE_URL=postgres://app_user:${s}@db.internal.acme-corp.io:5432/orders`);
  add('postgres-url-password', password(rng, 22), (s) => `psycopg2.connect("postgresql://analytics:${s}@10-warehouse.eu-central-1.rds.amazonaws.com/dwh")`);
  add('mysql-url-password', password(rng, 16), (s) => `spring.datasource.url=mysql://root:${s}@mysql:3306/shop`);
  add('mysql-url-password', password(rng, 20), (s) => `I can't connect with mysql://admin:${s}@prod-db.acme-corp.io/wordpress, says access denied.`);
  add('mongodb-url-password', password(rng, 24), (s) => `const uri = "mongodb+srv://webapp:${s}@cluster0.x7k2p.mongodb.net/app?retryWrites=true&w=majority";`);
  add('mongodb-url-password', password(rng, 16), (s) => `MONGO_URL=mongodb+srv://admin:${s}@prod.abcde.mongodb.net/`);
  add('redis-url-password', password(rng, 32), (s) => `REDIS_URL=redis://:${s}@cache.acme-corp.io:6379/0`);
  add('redis-url-password', password(rng, 20), (s) => `celery broker: rediss://default:${s}@redis-12345.c1.eu-west-1.cloud.redislabs.com:12345`);

  // Assignments in config files: the recorded secret is the value.
  const punct = '!#%*+-_.';
  // Unquoted values (.env, INI, compose environment) get no '#': dotenv and many INI parsers read it as a comment.
  const unquotedPunct = '!%*+-_.';
  add('env-password', password(rng, 14, unquotedPunct), (s) => `# .env\nDB_HOST=db\nDB_USER=app\nDB_PASSWORD=${s}\nDB_NAME=app`);
  add('env-secret-key', password(rng, 50, unquotedPunct), (s) => `SECRET_KEY=${s}\nDEBUG=False`);
  add('env-api-key', rng.string(HEX, 32), (s) => `DATADOG_API_KEY=${s}`);
  add('yaml-password', password(rng, 16, punct), (s) => `database:\n  host: db.internal\n  user: svc_billing\n  password: "${s}"`);
  add('yaml-api-key', `key-${rng.string(HEX, 32)}`, (s) => `mailgun:\n  domain: mg.acme-corp.io\n  api_key: ${s}`);
  add('json-password', password(rng, 18, punct), (s) => `{\n  "host": "smtp.acme-corp.io",\n  "user": "mailer",\n  "password": "${s}"\n}`);
  add('json-api-key', rng.string(ALNUM, 40), (s) => `{"service": "weather", "apiKey": "${s}", "units": "metric"}`);
  add('ini-password', password(rng, 12, unquotedPunct), (s) => `[mysql]\nuser = backup\npassword = ${s}\nhost = db01.internal`);
  add('code-client-secret', password(rng, 40, '-_~.'), (s) => `OAUTH_CLIENT_ID=web-frontend\nOAUTH_CLIENT_SECRET=${s}`);
  add('code-password', password(rng, 15, punct), (s) => `conn = pymssql.connect(server="sql01", user="sa", password="${s}", database="erp")`);
  add('docker-env-password', password(rng, 20, unquotedPunct), (s) => `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${s}`);

  // Azure storage connection strings: the recorded secret is the AccountKey.
  const azureKey = (): string => rng.bytes(64).toString('base64');
  add('azure-storage-key', azureKey(), (s) => `DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;AccountKey=${s};EndpointSuffix=core.windows.net`);
  add('azure-storage-key', azureKey(), (s) => `"AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=funcstore01;AccountKey=${s};EndpointSuffix=core.windows.net"`);
  add('azure-storage-key', azureKey(), (s) => `BlobServiceClient.from_connection_string("DefaultEndpointsProtocol=https;AccountName=media;AccountKey=${s}")`);

  return out;
}

export function makeSecretLookalikes(rng: Rng): LookDraft[] {
  const uuid = (): string => {
    const h = rng.string(HEX, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${rng.pick(['8', '9', 'a', 'b'])}${h.slice(17, 20)}-${h.slice(20)}`;
  };
  const hex = (n: number): string => rng.string(HEX, n);
  const out: LookDraft[] = [];
  const add = (kind: string, text: string, note?: string): void => {
    out.push(note === undefined ? { kind, text } : { kind, text, note });
  };

  add('uuid', `Request ID: ${uuid()} - the API returned a 500, any idea why?`);
  add('uuid', `INSERT INTO users (id, name) VALUES ('${uuid()}', 'test user');`);
  add('uuid', `The subscription id ${uuid()} shows up in the portal URL.`, 'resource identifier, not a credential');
  add('uuid', `correlation-id: ${uuid()}`);
  add('uuid', `Trace ${uuid()} shows a slow database call in checkout.`);
  add('git-sha', `commit ${hex(40)}\nAuthor: build-bot\n\n    Bump version`);
  add('git-sha', `Please cherry-pick ${hex(40)} onto the release branch.`);
  add('git-sha', `git revert ${hex(40)} --no-edit`);
  add('git-sha', `repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: ${hex(40)}`);
  add('git-sha-short', `Fixed in ${hex(7)}, see the changelog.`);
  add('git-sha-short', `HEAD is now at ${hex(7)} Update README`);
  add('sha256', `${hex(64)}  ubuntu-24.04-live-server-amd64.iso`);
  add('sha256', `Expected checksum ${hex(64)} but the download has a different one.`);
  add('sha256', `File hash (SHA-256): ${hex(64)}`);
  add('sha256', `cache key: node-modules-${hex(64)}`);
  add('md5', `MD5 (report.pdf) = ${hex(32)}`);
  add('md5', `ETag: "${hex(32)}"`, '32 hex chars, same shape as some API keys');
  add('md5', `The md5 of the upload is ${hex(32)}, matches the local file.`);
  add('placeholder', 'export OPENAI_API_KEY=sk-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX');
  add('placeholder', 'OPENAI_API_KEY=sk-your-key-here');
  add('placeholder', 'curl https://api.openai.com/v1/models -H "Authorization: Bearer <YOUR_API_KEY>"');
  add('placeholder', '[db]\nuser = app\npassword=********');
  add('placeholder', 'api_key=${API_KEY}');
  add('placeholder', 'OPENAI_API_KEY=your_openai_api_key_here');
  add('placeholder', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'the example pair from the AWS documentation; format-valid but public');
  add('placeholder', 'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');
  add('placeholder', 'DB_PASSWORD=""\nDB_USER=app');
  add('placeholder', 'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });');
  add('placeholder', 'api_key = os.environ["STRIPE_API_KEY"]');
  add('placeholder', 'env:\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}');
  add('placeholder', 'DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DBNAME', 'documentation template');
  add('placeholder', 'mysql://root:${MYSQL_ROOT_PASSWORD}@db:3306/app');
  add('placeholder', 'Set ANTHROPIC_API_KEY to your key (it starts with sk-ant-...).');
  add('placeholder', 'database:\n  password: <your-password>');
  add('placeholder', 'curl -H "Authorization: Bearer $TOKEN" https://api.example.com/me');
  add('placeholder', 'STRIPE_SECRET_KEY=sk_live_REPLACE_ME');
  add('placeholder', 'env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: db\n      key: password');
  add('placeholder', 'Paste your key in this form:\n-----BEGIN OPENSSH PRIVATE KEY-----\n<your key here>\n-----END OPENSSH PRIVATE KEY-----', 'key markers around a placeholder, no key material');
  add('placeholder', `My key ending in sk-...${rng.string(ALNUM, 4)} stopped working, the dashboard shows it as active.`, 'masked key as shown by the dashboard');
  add('base64-words', 'echo aGVsbG8gd29ybGQ= | base64 -d');
  add('base64-words', `Decode this: ${Buffer.from('The quick brown fox jumps over the lazy dog').toString('base64')}`);
  add('base64-words', `settings=${Buffer.from('{"theme":"dark","lang":"en","fontSize":14}').toString('base64')}`);
  add('base64-data-uri', `<img alt="logo" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9h${rng.string(B64, 160)}=">`);
  add('docker-digest', `docker pull nginx@sha256:${hex(64)}`);
  add('docker-digest', `image: ghcr.io/acme/api@sha256:${hex(64)}`);
  add('docker-digest', `Digest: sha256:${hex(64)}\nStatus: Downloaded newer image for redis:7`);
  const integrity = (): string => `sha512-${rng.string(B64, 86)}==`;
  add('npm-integrity', `"node_modules/lodash": {\n  "version": "4.17.21",\n  "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",\n  "integrity": "${integrity()}"\n}`);
  add('npm-integrity', `react@^18.2.0:\n  version "18.2.0"\n  integrity ${integrity()}`);
  add('npm-integrity', `Why does npm ci fail with EINTEGRITY: ${integrity()} does not match?`);
  add('sri-hash', `<script src="https://cdn.jsdelivr.net/npm/bootstrap/dist/js/bootstrap.bundle.min.js" integrity="sha384-${rng.string(B64, 64)}" crossorigin="anonymous"></script>`);
  add('go-sum', `golang.org/x/text v0.14.0 h1:${rng.string(B64, 43)}=`);
  add('aws-arn', 'arn:aws:iam::123456789012:role/lambda-exec', 'AWS documentation account id');
  add('stripe-publishable', `Stripe('pk_live_51${rng.string(ALNUM, 97)}');`, 'publishable keys are public by design');
  add('oauth-client-id', `GOOGLE_CLIENT_ID=${rng.string(DIGITS, 12)}-${rng.string(LOWER + DIGITS, 32)}.apps.googleusercontent.com`, 'OAuth client ids are public');
  add('eth-address', `Send the testnet ETH to 0x${hex(40)} please.`, 'public address');
  add('content-hash', `main.${hex(8)}.js is 240 kB after the build, how do I split it?`);
  add('request-id', `x-request-id: req_${hex(32)}`);
  add('completion-id', `{"id": "chatcmpl-${rng.string(ALNUM, 29)}", "object": "chat.completion", "model": "gpt-4o"}`);
  add('stripe-ids', `Customer cus_${rng.string(ALNUM, 14)} was charged with pi_${rng.string(ALNUM, 24)}.`, 'object ids, not keys');
  add('ssh-public-key', `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ${rng.string(B64, 530)}= alice@laptop`);
  add('ssh-public-key', `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rng.string(B64, 43)} deploy@ci-runner`);
  add('ssh-public-key', `ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB${rng.string(B64, 86)}= bob@workstation`);
  add('pem-public-key', pem('PUBLIC KEY', 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA', 392, rng));
  add('pem-certificate', `Is this certificate expired?\n${pem('CERTIFICATE', 'MIIDdzCCAl+gAwIBAgIE', 1200, rng)}`);
  add('pgp-public-key', `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBF${wrap(rng.string(B64, 634), 64)}\n=${rng.string(B64, 4)}\n-----END PGP PUBLIC KEY BLOCK-----`);
  add('url-no-password', 'GET https://api.example.com/v1/users?page=2&limit=50');
  add('url-no-password', 'DATABASE_URL=postgres://app@db.example.com:5432/app?sslmode=require');
  add('url-no-password', 'MONGO_URL=mongodb://localhost:27017/test');
  add('url-no-password', 'REDIS_URL=redis://localhost:6379/0');
  add('url-no-password', 'git clone https://github.com/example/repo.git');
  add('url-no-password', 'The reset link is https://example.com/account/reset-password?lang=en');
  add('word-only', 'What is a good password policy for a small company? Is 12 characters enough?');
  add('word-only', 'The api_key parameter is required; see the docs for how to create one.');
  add('word-only', 'The secret to a good risotto is patience.');
  add('word-only', 'Set the token expiry to 3600 seconds and the refresh token to 30 days.');
  return out;
}
