/**
 * The Kubernetes manifests under deploy/kubernetes, read as kustomize would: the Deployment is
 * hardened, its probes, ports and environment are Bulwark's own (every variable a setting of
 * proxy/config/settings.ts, every secret setting from the Secret), and the Service,
 * NetworkPolicy, HorizontalPodAutoscaler and PodDisruptionBudget select and fit its pods.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { settings } from '../../proxy/config/settings.ts';

const DIR = 'deploy/kubernetes';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  stringData?: Record<string, string>;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
}

const kustomization = parse(readFileSync(`${DIR}/kustomization.yaml`, 'utf8')) as {
  resources: string[];
  configMapGenerator: Array<{ name: string; files: string[] }>;
};

function readManifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(`${DIR}/${file}`, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]!.message}`);
    return doc.toJS() as Manifest;
  });
}

const manifests = kustomization.resources.flatMap(readManifests);

function only(kind: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind);
  if (found.length !== 1) throw new Error(`the kustomization has ${found.length} ${kind} manifests, not one`);
  return found[0]!;
}

const deployment = only('Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const env = container.env as EnvVar[];
const envValue = (name: string) => env.find((e) => e.name === name)?.value;
const podLabels = deployment.spec.template.metadata.labels as Record<string, string>;
const portNamed = (name: string) => (container.ports as Array<{ name: string; containerPort: number }>).find((p) => p.name === name)?.containerPort;

/** A label selector's matchLabels select the Deployment's pods. */
function selectsPods(matchLabels: Record<string, string>): boolean {
  return Object.keys(matchLabels).length > 0 && Object.entries(matchLabels).every(([k, v]) => podLabels[k] === v);
}

describe('the kustomization', () => {
  it('lists every manifest of the folder but the Secret example', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml' && !f.endsWith('.example.yaml'));
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('generates the rules ConfigMap from every rule file, and the Deployment mounts it read-only at RULES_DIR', () => {
    const rules = readdirSync('rules').filter((f) => f.endsWith('.yaml'));
    const generator = kustomization.configMapGenerator.find((g) => g.name === 'bulwark-rules');
    expect(generator?.files.map((f) => f.replace('../../rules/', '')).sort()).toEqual(rules.sort());
    const volume = (pod.volumes as Array<{ name: string; configMap?: { name: string } }>).find((v) => v.configMap?.name === generator?.name);
    const mount = (container.volumeMounts as Array<{ name: string; mountPath: string; readOnly?: boolean }>).find((m) => m.name === volume?.name);
    expect(mount).toMatchObject({ mountPath: envValue('RULES_DIR'), readOnly: true });
  });
});

describe('the Deployment', () => {
  it('runs at least two replicas, rolled without losing capacity', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(selectsPods(deployment.spec.selector.matchLabels)).toBe(true);
  });

  it('is hardened: non-root, read-only root filesystem, no privilege escalation, no capabilities, RuntimeDefault seccomp, no API token', () => {
    // A container's securityContext overrides its pod's.
    const effective = { ...pod.securityContext, ...container.securityContext };
    expect(effective).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(effective.runAsUser).toBeGreaterThan(0);
    expect(effective.capabilities.add ?? []).toEqual([]);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(only('Namespace').metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('sets only Bulwark settings (or the OpenTelemetry SDK’s own OTEL_ variables), every secret one from the Secret by secretKeyRef', () => {
    const names = new Set(Object.values(settings).map((s) => s.env));
    expect(env.map((e) => e.name).filter((n) => !names.has(n) && !n.startsWith('OTEL_'))).toEqual([]);
    const secretSettings = Object.values(settings).filter((s) => 'secret' in s && s.secret).map((s) => s.env);
    expect(secretSettings.length).toBeGreaterThan(0);
    for (const e of env.filter((v) => secretSettings.includes(v.name))) {
      expect(e.value, `${e.name} has no value in the manifest`).toBeUndefined();
      expect(e.valueFrom?.secretKeyRef, `${e.name} comes from a Secret`).toEqual({ name: 'bulwark-secrets', key: e.name });
    }
    expect(env.map((e) => e.name)).toEqual(expect.arrayContaining(['UPSTREAM_API_KEY', 'JWT_SECRET', 'DATABASE_URL', 'AUDIT_HMAC_KEY']));
  });

  it('has a Secret example with every key the Deployment reads, holding placeholders only, and a PostgreSQL URL', () => {
    const [secret] = readManifests('secret.example.yaml');
    const keys = env.flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.key] : []));
    expect(secret?.metadata.name).toBe('bulwark-secrets');
    expect(Object.keys(secret?.stringData ?? {}).sort()).toEqual(keys.sort());
    for (const [key, value] of Object.entries(secret!.stringData!)) expect(value, key).toContain('REPLACE');
    expect(secret!.stringData!.DATABASE_URL).toMatch(/^postgres:\/\//);
  });

  it('names each replica’s audit chain after its pod', () => {
    expect(env.find((e) => e.name === 'AUDIT_INSTANCE_ID')?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.name');
  });

  it('listens on every interface, on the ports it declares, and is probed on /healthz and /readyz', () => {
    expect(envValue('HOST')).toBe('0.0.0.0');
    expect(String(portNamed('http'))).toBe(envValue('PORT'));
    expect(String(portNamed('metrics'))).toBe(envValue('METRICS_PORT'));
    expect(deployment.spec.template.metadata.annotations['prometheus.io/port']).toBe(envValue('METRICS_PORT'));
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
  });

  it('gives the drain time to finish: the grace period exceeds the preStop pause plus SHUTDOWN_GRACE_MS', () => {
    const drainMs = Number(envValue('SHUTDOWN_GRACE_MS') ?? settings.shutdownGraceMs.schema.parse(undefined));
    const preStopMs = (container.lifecycle?.preStop?.sleep?.seconds ?? 0) * 1000;
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(preStopMs + drainMs);
  });

  it('requests and limits CPU and memory', () => {
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
  });
});

describe('the Service, NetworkPolicy, HorizontalPodAutoscaler and PodDisruptionBudget', () => {
  it('the Service selects the pods and exposes their http and metrics ports', () => {
    const service = only('Service');
    expect(selectsPods(service.spec.selector)).toBe(true);
    expect((service.spec.ports as Array<{ name: string; port: number; targetPort: string }>).map((p) => [p.name, p.targetPort, p.port])).toEqual([
      ['http', 'http', portNamed('http')],
      ['metrics', 'metrics', portNamed('metrics')],
    ]);
  });

  it('the NetworkPolicy lets clients reach the proxy, only monitoring reach the metrics, and the pods reach DNS, PostgreSQL and 443', () => {
    const policy = only('NetworkPolicy');
    expect(selectsPods(policy.spec.podSelector.matchLabels)).toBe(true);
    expect(policy.spec.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
    type Rule = { from?: any[]; to?: any[]; ports: Array<{ protocol: string; port: number }> };
    const ingressTo = (port: number) => (policy.spec.ingress as Rule[]).filter((r) => r.ports.some((p) => p.port === port));
    expect(ingressTo(portNamed('http')!)).toHaveLength(1);
    expect(ingressTo(portNamed('http')!)[0]!.from?.every((peer) => peer.namespaceSelector !== undefined)).toBe(true);
    const metrics = ingressTo(portNamed('metrics')!);
    expect(metrics.flatMap((r) => r.from ?? [])).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]);
    const egress = (policy.spec.egress as Rule[]).flatMap((r) => r.ports.map((p) => `${p.protocol}/${p.port}`));
    expect(egress.sort()).toEqual(['TCP/443', 'TCP/53', 'TCP/5432', 'UDP/53']);
    const https = (policy.spec.egress as Rule[]).find((r) => r.ports.some((p) => p.port === 443));
    expect(https?.to?.[0]?.ipBlock?.except, 'the cloud metadata endpoint is never an upstream').toContain('169.254.0.0/16');
  });

  it('the autoscaler drives the Deployment with at least two replicas, and the budget allows one disruption', () => {
    const hpa = only('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    const pdb = only('PodDisruptionBudget');
    expect(selectsPods(pdb.spec.selector.matchLabels)).toBe(true);
    expect(pdb.spec.maxUnavailable).toBe(1);
  });
});
