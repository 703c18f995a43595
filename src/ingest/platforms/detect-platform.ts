import { chatJson } from './chat-json.ts';
import { contactLens } from './contact-lens.ts';
import { dialpad } from './dialpad.ts';
import { genesys } from './genesys.ts';
import { gong } from './gong.ts';
import type { PlatformParser } from './platform-parser.ts';
import { transcribe } from './transcribe.ts';
import { transcribeCallAnalytics } from './transcribe-call-analytics.ts';
import { twilio } from './twilio.ts';
import { vcon } from './vcon.ts';

/** Every call platform whose own JSON export is read natively, most specific first. */
export const PLATFORM_PARSERS: readonly PlatformParser[] = [
  contactLens,
  transcribeCallAnalytics,
  transcribe,
  genesys,
  twilio,
  dialpad,
  gong,
  vcon,
  chatJson,
];

/** The platform whose export this JSON is, by its content; null for anything else (e.g. plain JSON turns). */
export const detectPlatform = (data: unknown): PlatformParser | null => PLATFORM_PARSERS.find((parser) => parser.looksLike(data)) ?? null;
