import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readServerConfig } from '../../scripts/server/config.ts';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Concurrency {
  group: string;
  'cancel-in-progress': boolean;
}
interface Job {
  'runs-on': string;
  container?: string;
  needs?: string;
  permissions?: Record<string, string>;
  concurrency?: Concurrency;
  steps: Step[];
  environment?: { name: string };
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: Concurrency;
  jobs: Record<string, Job>;
}

/** A GitHub Actions expression as written in a workflow: `${{ … }}`. */
const expression = (text: string) => `\${{ ${text} }}`;

const source = (name: string) => readFileSync(new URL(`../../.github/workflows/${name}`, import.meta.url), 'utf8');
const read = (name: string) => parse(source(name)) as Workflow;
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const uses = (workflow: Workflow, action: string) => steps(workflow).filter((step) => step.uses?.startsWith(`${action}@`));
const runs = (workflow: Workflow) => steps(workflow).flatMap((step) => (step.run ? [step.run.trim()] : []));

describe('ci.yml', () => {
  const ci = read('ci.yml');

  it('runs on every push and pull request, reading the repository only', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('uses the Node of .nvmrc and installs from the lockfile', () => {
    expect(uses(ci, 'actions/checkout')).toHaveLength(1);
    expect(uses(ci, 'actions/setup-node')[0]?.with).toMatchObject({ 'node-version-file': '.nvmrc' });
    expect(runs(ci)).toContain('npm ci');
  });

  it('installs Chromium with apt, then type-checks, tests and builds in that order', () => {
    expect(runs(ci).some((run) => /apt-get install .*\bchromium\b/.test(run))).toBe(true);
    const order = ['npm ci', 'npm run check', 'npm test', 'npm run build'].map((command) => runs(ci).indexOf(command));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('publish.yml', () => {
  const publish = read('publish.yml');
  const build = publish.jobs['build'];

  it("runs on the server's repository_dispatch, by hand, on pushes to main and hourly for scheduled articles", () => {
    const eventType = readServerConfig({ SANITY_WEBHOOK_SECRET: 'x'.repeat(32) }).GITHUB_EVENT_TYPE;
    expect(publish.on).toEqual({
      repository_dispatch: { types: [eventType] },
      workflow_dispatch: null,
      push: { branches: ['main'] },
      schedule: [{ cron: '17 * * * *' }],
    });
  });

  it('gives each job only the rights it needs: the build cannot deploy, the deploy runs no npm and sees no secret', () => {
    expect(publish.permissions).toEqual({});
    expect(publish.jobs['pages']?.permissions).toEqual({ pages: 'read' });
    expect(build?.permissions).toEqual({ contents: 'read' });
    const deploy = publish.jobs['deploy'];
    expect(deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy?.steps.filter((step) => step.run)).toEqual([]);
    expect(JSON.stringify(deploy)).not.toMatch(/secrets\.|npm/);
    expect(JSON.stringify(publish.jobs['pages'])).not.toMatch(/secrets\.|npm/);
  });

  it('lets the newest content win without ever cancelling a deploy half-way', () => {
    expect(publish.concurrency).toBeUndefined();
    const buildGroup = build?.concurrency;
    const deployGroup = publish.jobs['deploy']?.concurrency;
    expect(buildGroup?.['cancel-in-progress']).toBe(true);
    expect(deployGroup?.['cancel-in-progress']).toBe(false);
    expect(deployGroup?.group).not.toBe(buildGroup?.group);
    for (const group of [buildGroup?.group, deployGroup?.group]) expect(group).not.toMatch(/github\.(sha|run_id|ref)/);
  });

  it('builds for the Pages address, path included, unless a site URL variable names a custom domain', () => {
    expect(publish.jobs['pages']?.steps[0]?.uses).toMatch(/^actions\/configure-pages@/);
    expect(build?.needs).toBe('pages');
    expect(buildStep?.env?.['SITE_URL']).toBe(expression('vars.SITE_URL || needs.pages.outputs.base_url'));
  });

  const buildStep = build?.steps.find((step) => step.run?.includes('npm run build'));

  it('builds from the live project with the repository secrets and the site URL variable', () => {
    expect(buildStep?.env).toMatchObject({
      SANITY_PROJECT_ID: expression('secrets.SANITY_PROJECT_ID'),
      SANITY_DATASET: expression('secrets.SANITY_DATASET'),
      SANITY_API_READ_TOKEN: expression('secrets.SANITY_API_READ_TOKEN'),
    });
    // Secrets go to the build step alone, not to every step of the job.
    const secretSteps = steps(publish).filter((step) => JSON.stringify(step).includes('secrets.'));
    expect(secretSteps).toEqual([buildStep]);
  });

  it('refuses to build without the project id, rather than deploy the sample dataset', () => {
    expect(buildStep?.run).toMatch(/if \[ -z "\$SANITY_PROJECT_ID" \]; then[\s\S]*exit 1[\s\S]*fi\s+npm run build/);
  });

  it('keeps the content-layer cache between runs, restoring the newest one', () => {
    const [cache] = uses(publish, 'actions/cache');
    expect(cache?.with?.['path']).toBe('node_modules/.astro');
    expect(cache?.with?.['key']).toContain(expression('github.run_id'));
    expect(cache?.with?.['restore-keys']).toBeTruthy();
    const index = (step?: Step) => (step ? (build?.steps.indexOf(step) ?? -1) : -1);
    expect(index(cache)).toBeLessThan(index(buildStep));
  });

  it('uses the Node of .nvmrc and deploys the built folder to GitHub Pages', () => {
    expect(uses(publish, 'actions/setup-node')[0]?.with).toMatchObject({ 'node-version-file': '.nvmrc' });
    expect(uses(publish, 'actions/upload-pages-artifact')[0]?.with).toEqual({ path: 'dist' });
    const deploy = publish.jobs['deploy'];
    expect(deploy?.needs).toBe('build');
    expect(deploy?.environment?.name).toBe('github-pages');
    expect(deploy?.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
  });
});

/**
 * Composite actions we use that run other actions, and the first version of each that runs them by full
 * SHA rather than by a tag that can move (read from each release's `action.yml`).
 */
const compositeActionsPinnedFrom: Record<string, string> = {
  // v3.0.1 ran `actions/upload-artifact@v4`; v4.0.0 runs `actions/upload-artifact@ea165f8d… # v4.6.2`.
  'actions/upload-pages-artifact': '4.0.0',
};

/** The version in the comment after `uses: <action>@<sha>` in the workflow's source. */
function pinnedVersion(name: string, uses: string): string | undefined {
  const line = source(name)
    .split('\n')
    .find((text) => text.includes(uses));
  return /# v(\d+\.\d+\.\d+)\s*$/.exec(line ?? '')?.[1];
}

const compareVersions = (a: string, b: string) => {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  for (let i = 0; i < 3; i++) if ((x?.[i] ?? 0) !== (y?.[i] ?? 0)) return (x?.[i] ?? 0) - (y?.[i] ?? 0);
  return 0;
};

describe.each(['ci.yml', 'publish.yml'])('%s', (name) => {
  const workflow = read(name);

  it('pins every action to a full commit SHA, its version in a comment', () => {
    const pinned = steps(workflow).flatMap((step) => (step.uses ? [step.uses] : []));
    expect(pinned.length).toBeGreaterThan(0);
    for (const action of pinned) expect(action, action).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    const lines = source(name)
      .split('\n')
      .filter((line) => /^\s*(- )?uses:/.test(line));
    for (const line of lines) expect(line, line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('runs every job container from an image pinned by digest', () => {
    for (const [id, job] of Object.entries(workflow.jobs)) {
      if (job.container !== undefined) expect(job.container, id).toMatch(/^[\w./-]+(:[\w.-]+)?@sha256:[0-9a-f]{64}$/);
    }
  });

  it('uses composite actions only at versions that pin the actions they run in turn', () => {
    for (const uses of steps(workflow).flatMap((step) => (step.uses ? [step.uses] : []))) {
      const oldest = compositeActionsPinnedFrom[uses.split('@')[0] ?? ''];
      if (!oldest) continue;
      const version = pinnedVersion(name, uses) ?? '0.0.0';
      expect(compareVersions(version, oldest), `${uses} (v${version})`).toBeGreaterThanOrEqual(0);
    }
  });

  it('checks out without keeping the token in the working copy', () => {
    const checkouts = uses(workflow, 'actions/checkout');
    expect(checkouts.length).toBeGreaterThan(0);
    for (const checkout of checkouts) expect(checkout.with?.['persist-credentials']).toBe(false);
  });
});
