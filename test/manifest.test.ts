import { readFileSync } from 'node:fs';
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

  it.each([
    ['the /readiness command', ['commands']],
    ['scorecards, thread replies, notifications and the digest', ['chat:write']],
    ['DMs to managers and agents', ['im:write']],
    ['finding a DM an earlier attempt posted, before sending it again', ['im:write', 'im:history']],
    ['finding agents by mention or email', ['users:read', 'users:read.email']],
    ['transcript files in the ingestion channel', ['files:read']],
    ['trend charts uploaded with files.uploadV2 and shown as images', ['files:write']],
    ['transcripts pasted in public or private channels', ['channels:history', 'groups:history']],
    ['mentions of the bot', ['app_mentions:read']],
  ])('when the product needs %s, then the bot has the scopes', (_feature, needed) => {
    for (const scope of needed) expect(scopes).toContain(scope);
  });

  it('when an event is subscribed, then the scope it requires is granted', () => {
    const requiredScope: Record<string, string | null> = {
      app_home_opened: null,
      'message.channels': 'channels:history',
      'message.groups': 'groups:history',
      file_shared: 'files:read',
      app_mention: 'app_mentions:read',
    };
    expect([...events].sort()).toEqual(Object.keys(requiredScope).sort());
    for (const event of events) {
      const scope = requiredScope[event];
      if (scope) expect(scopes).toContain(scope);
    }
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
