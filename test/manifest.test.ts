import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const text = readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8');

/** The parts of Slack's manifest schema this app relies on (field names from Slack's manifest reference). */
const ManifestSchema = z.object({
  _metadata: z.object({ major_version: z.number().int(), minor_version: z.number().int() }).optional(),
  display_information: z.object({
    name: z.string().min(1).max(35),
    description: z.string().max(140),
    long_description: z.string().min(174).max(4000).optional(),
    background_color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  }),
  features: z.object({
    app_home: z.object({
      home_tab_enabled: z.boolean(),
      messages_tab_enabled: z.boolean(),
      messages_tab_read_only_enabled: z.boolean(),
    }),
    bot_user: z.object({ display_name: z.string(), always_online: z.boolean() }),
    slash_commands: z.array(
      z.object({
        command: z.string().startsWith('/'),
        url: z.url().optional(),
        description: z.string(),
        usage_hint: z.string().optional(),
        should_escape: z.boolean(),
      }),
    ),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.url(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.url() }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

const manifest = ManifestSchema.parse(parse(text));

/**
 * The bot-token scopes of each Web API method the code calls, from Slack's method reference
 * (docs.slack.dev/reference/methods/…). Where a method takes one scope per kind of conversation, the one
 * for the conversations the code uses it on.
 */
const METHOD_SCOPES: Record<string, readonly string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  // channels:manage, groups:write, im:write or mpim:write by kind: the sender opens only a DM with one user.
  'conversations.open': ['im:write'],
  // channels:history, groups:history, im:history or mpim:history by kind: the sender reads only that DM.
  'conversations.history': ['im:history'],
  // files.getUploadURLExternal + files.completeUploadExternal: files:write.
  'files.uploadV2': ['files:write'],
  'views.open': [],
  'views.update': [],
  'views.publish': [],
};

/** The manifest events a Bolt listener receives: `app.event('message')` gets the channel messages subscribed. */
const LISTENER_EVENTS: Record<string, readonly string[]> = {
  app_home_opened: ['app_home_opened'],
  // the ingestion channel may be public or private
  message: ['message.channels', 'message.groups'],
};

/** The scope each subscribed event requires (docs.slack.dev/reference/events/…). */
const EVENT_SCOPES: Record<string, readonly string[]> = {
  app_home_opened: [],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
};

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });

/** What the source asks of Slack: Web API methods (`client.<family>.<method>(`, `apiCall('…')`), events listened to, commands, file downloads. */
const slackUsage = () => {
  const methods = new Set<string>();
  const events = new Set<string>();
  let commands = false;
  let downloadsFiles = false;
  for (const file of sourceFiles(SRC)) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bclient\.([a-z]+)\.([A-Za-z0-9]+)\(/g)) methods.add(`${match[1]}.${match[2]}`);
    for (const match of source.matchAll(/\bapiCall\(\s*['"]([A-Za-z.]+)['"]/g)) methods.add(match[1]!);
    for (const match of source.matchAll(/\bapp\.event\(\s*['"]([a-z_.]+)['"]/g)) events.add(match[1]!);
    if (/\bapp\.message\(/.test(source)) events.add('message');
    if (/\bapp\.command\(/.test(source)) commands = true;
    if (/\burl_private(_download)?\b/.test(source) && /\bfetch\(/.test(source)) downloadsFiles = true;
  }
  return { methods, events, commands, downloadsFiles };
};
const scopes = new Set(manifest.oauth_config.scopes.bot);
const events = new Set(manifest.settings.event_subscriptions.bot_events);

describe('manifest.yml', () => {
  it('when parsed, then it has the shape of a Slack app manifest named floorready', () => {
    expect(manifest.display_information.name).toBe('floorready');
    expect(manifest.features.bot_user).toEqual({ display_name: 'floorready', always_online: true });
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.settings).toMatchObject({
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    });
  });

  it('when a manager types /readiness @agent, then the mention arrives escaped as a user id', () => {
    expect(manifest.features.slash_commands).toEqual([
      {
        command: '/readiness',
        url: 'https://floorready.example.com/slack/events',
        description: 'Readiness scorecard for an agent',
        usage_hint: '[@agent] [call type]',
        should_escape: true,
      },
    ]);
  });

  it('when the code calls Slack, then the manifest grants exactly the scopes those calls and events need: none missing, none unused', () => {
    const used = slackUsage();
    // A method, event or file download the tables below do not know fails here: look its scopes up in
    // Slack's reference (docs.slack.dev/reference/methods/<method>) and add it.
    expect([...used.methods].filter((method) => !(method in METHOD_SCOPES))).toEqual([]);
    expect([...used.events].filter((event) => !(event in LISTENER_EVENTS))).toEqual([]);
    const needed = new Set([
      ...[...used.methods].flatMap((method) => METHOD_SCOPES[method] ?? []),
      ...[...used.events].flatMap((event) => (LISTENER_EVENTS[event] ?? []).flatMap((subscribed) => EVENT_SCOPES[subscribed] ?? [])),
      ...(used.commands ? ['commands'] : []),
      ...(used.downloadsFiles ? ['files:read'] : []),
    ]);
    expect({
      missing: [...needed].filter((scope) => !scopes.has(scope)),
      unused: [...scopes].filter((scope) => !needed.has(scope)),
    }).toEqual({
      missing: [],
      unused: [],
    });
  });

  it('when the code listens to an event, then the manifest subscribes to exactly the events it maps to', () => {
    const listened = new Set([...slackUsage().events].flatMap((event) => LISTENER_EVENTS[event] ?? []));
    expect([...events].sort()).toEqual([...listened].sort());
    for (const event of events) expect(event in EVENT_SCOPES, `${event}: add its scope to EVENT_SCOPES`).toBe(true);
  });

  it('when the scanner reads the source, then it finds the calls it is meant to find (so the comparison above cannot pass by finding nothing)', () => {
    const used = slackUsage();
    for (const method of ['chat.postMessage', 'conversations.open', 'conversations.history', 'files.uploadV2', 'views.publish'])
      expect(used.methods).toContain(method);
    expect(used.events).toEqual(new Set(['app_home_opened', 'message']));
    expect(used.commands).toBe(true);
    expect(used.downloadsFiles).toBe(true);
  });

  it('when Slack calls the app over HTTP, then events, interactivity and the command all go to /slack/events', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((command) => command.url),
    ];
    for (const url of urls) expect(new URL(url!).pathname).toBe('/slack/events');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('when someone wants Socket Mode or their own host, then the comments at the top say what to change', () => {
    const header = text
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .join('\n');
    expect(header).toContain('socket_mode_enabled: true');
    expect(header).toContain('connections:write');
    expect(header).toMatch(/replace the host/i);
  });
});
