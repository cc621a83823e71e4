/*
 * The many-orgs recipe: examples/github-actions/eci-ringcentral.yml parses as YAML, has the shape docs/many-orgs.md
 * promises (a matrix job per org, JWT login, the plugin installed by `sf plugins install`, configure --json on demand,
 * verify on a schedule, the JSON kept as artifacts, secrets from the secret store), and every `sf eci ringcentral`
 * line in it uses only flags the command has (from oclif.manifest.json), with the command's required flags given.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/repo.js';

type ManifestFlag = { char?: string; required?: boolean; type: string };
type Manifest = { commands: Record<string, { flags: Record<string, ManifestFlag> }> };
type Step = { name?: string; uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: object };
type Job = { strategy?: { matrix?: { org?: string[] } }; environment?: string; steps: Step[] };

const WORKFLOW = join(REPO_ROOT, 'examples', 'github-actions', 'eci-ringcentral.yml');
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'oclif.manifest.json'), 'utf8')) as Manifest;

/** The `sf eci ringcentral …` invocations of a shell script, continuation lines joined, comments left out. */
export function pluginInvocations(script: string): string[] {
  return script
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => !l.startsWith('#'))
    .flatMap((l) => [...l.matchAll(/\bsf eci ringcentral\s+([^;|&>]*)/g)].map((m) => m[1].trim()));
}

/** What is wrong with one invocation: an unknown command, a flag the command does not have, a required flag missing. */
export function problemsOf(invocation: string): string[] {
  const [sub, ...rest] = invocation.split(/\s+/);
  const command = manifest.commands[`eci:ringcentral:${sub}`];
  if (!command) return [`unknown command "sf eci ringcentral ${sub}"`];
  const byChar = new Map(
    Object.entries(command.flags)
      .filter(([, f]) => f.char)
      .map(([name, f]) => [f.char!, name]),
  );
  const given = rest
    .filter((t) => /^--?[a-z]/i.test(t))
    .map((t) => t.replace(/=.*$/, ''))
    .map((t) => (t.startsWith('--') ? t.slice(2) : (byChar.get(t.slice(1)) ?? t)));
  const unknown = given.filter((f) => !(f in command.flags)).map((f) => `${sub}: no flag --${f}`);
  const missing = Object.entries(command.flags)
    .filter(([name, f]) => f.required && !given.includes(name))
    .map(([name]) => `${sub}: required --${name} missing`);
  return [...unknown, ...missing];
}

describe('examples/github-actions/eci-ringcentral.yml', () => {
  const text = readFileSync(WORKFLOW, 'utf8');
  const workflow = parse(text) as { on: Record<string, unknown>; jobs: Record<string, Job> };
  const jobs = Object.values(workflow.jobs);
  const steps = jobs.flatMap((j) => j.steps);
  const scripts = steps.map((s) => s.run ?? '').filter(Boolean);
  const invocations = scripts.flatMap(pluginInvocations);

  it('the checker itself refuses an unknown flag, an unknown command and a missing required flag', () => {
    expect(problemsOf('configure --target-org t --client-id x --contact-email a@b.c --no-such-flag')).to.deep.equal([
      'configure: no flag --no-such-flag',
    ]);
    expect(problemsOf('teardwn --force')).to.deep.equal(['unknown command "sf eci ringcentral teardwn"']);
    expect(problemsOf('configure -o t --client-id x')).to.deep.equal(['configure: required --contact-email missing']);
    expect(problemsOf('verify -o t --json')).to.deep.equal([]);
  });

  it('every sf eci ringcentral line uses flags its command has, and its required ones', () => {
    expect(invocations.length).to.be.greaterThanOrEqual(2);
    const problems = invocations.flatMap(problemsOf);
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  it('configure --json on demand, verify --json on a schedule', () => {
    expect(workflow.on).to.have.keys('workflow_dispatch', 'schedule');
    const configure = steps.filter((s) => /sf eci ringcentral configure/.test(s.run ?? ''));
    const verify = steps.filter((s) => /sf eci ringcentral verify/.test(s.run ?? ''));
    expect(configure).to.have.length.greaterThan(0);
    expect(verify).to.have.length.greaterThan(0);
    configure.forEach((s) => expect(s.if).to.include("github.event_name == 'workflow_dispatch'"));
    verify.forEach((s) => expect(s.if).to.include("github.event_name == 'schedule'"));
    for (const i of invocations) expect(i, i).to.match(/--json\b/);
    // Nothing can answer a prompt in CI: configure never waits for one.
    for (const i of invocations.filter((x) => x.startsWith('configure'))) expect(i).to.include('--no-prompt');
  });

  it('a matrix job per org, logged in with sf org login jwt, the plugin installed by sf plugins install', () => {
    const job = jobs.find((j) => j.strategy?.matrix?.org);
    expect(job?.strategy?.matrix?.org).to.have.length.greaterThan(1);
    expect(job?.environment).to.include('matrix.org');
    const all = scripts.join('\n');
    expect(all).to.match(/sf org login jwt\b.*--client-id.*--jwt-key-file.*--username/);
    expect(all).to.match(/sf plugins install\b/);
  });

  it('secrets come from the secret store into the environment, never as a flag value or in the script', () => {
    for (const s of steps) {
      expect(s.run ?? '', s.name).to.not.include('${{ secrets.');
      for (const [name, value] of Object.entries(s.env ?? {}))
        if (/SECRET|KEY/.test(name)) expect(value, name).to.match(/^\$\{\{ secrets\.\w+ \}\}$/);
    }
    const withSecret = steps.filter((s) => /sf eci ringcentral (configure|verify)/.test(s.run ?? ''));
    withSecret.forEach((s) =>
      expect(s.env?.RINGCENTRAL_CLIENT_SECRET).to.equal('${{ secrets.RINGCENTRAL_CLIENT_SECRET }}'),
    );
    expect(text).to.not.match(/--client-secret(?!-stdin)/);
  });

  it('the JSON results are kept as artifacts, also when the gate fails', () => {
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).to.equal('always()');
    expect(JSON.stringify(upload?.with)).to.include('results');
    for (const s of scripts.filter((x) => /sf eci ringcentral/.test(x))) expect(s).to.match(/--json > results\//);
  });
});
