import { candidate, PRIORITY, type Candidate, type DetectionInput } from './candidate.ts';

const TYPED_EMAIL =
  /[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z])/g;

/** Words before " at " that make a place, not a mailbox ("visit us at northside dot com"). */
const NOT_MAILBOXES =
  'us|me|you|them|him|her|it|we|home|work|online|here|there|look|looked|looking|visit|go|shop|order|ordered|bought|site|website|page|that|this|or|and|is|was|are|be|been|email|mail|address|directly|available|found|find|log|logged|sign|signed|not|just|still|arrive|arrived|stay|stayed|live|lived|meet|met|call|called|back|out|in|on|up';
const SPELLED = String.raw`(?:[a-z0-9][ \t]){1,20}`;
const WORD = String.raw`[a-z0-9][a-z0-9_%+-]*`;
const DOT = String.raw`(?:[ \t]+(?:dot|period|point)[ \t]+|[ \t]*[([{]dot[)\]}][ \t]*|\.)`;
const JOIN = String.raw`(?:${DOT}|[ \t]+(?:underscore|dash|hyphen)[ \t]+|[_-])`;
const AT = String.raw`(?:[ \t]+at(?:[ \t]+sign)?[ \t]+|[ \t]*[([{]at[)\]}][ \t]*|[ \t]*@[ \t]*)`;
const LABEL = String.raw`(?:${SPELLED})?[a-z0-9][a-z0-9-]*`;
/**
 * Emails as speech-to-text writes them: "bob at acme dot xyz", "j o h n dot smith at gmail dot com",
 * "jane(at)example.com", "j.smith at example.co.uk", "bob 72 at mail dot com". Any ending of letters
 * counts; the mailbox may be spelled letter by letter.
 */
const SPOKEN_EMAIL = new RegExp(
  String.raw`(?<![\w.@'])(?!(?:${NOT_MAILBOXES})[ \t])(?:${SPELLED})?${WORD}(?:${JOIN}${WORD}){0,5}` +
    `${AT}${LABEL}(?:${DOT}${LABEL}){0,4}${DOT}(?!dot\\b)[a-z]{2,24}(?![\\w@])`,
  'gi',
);
/** "my email is bob smith at …": the words after the label belong to the mailbox. */
const EMAIL_LABEL_BEFORE =
  /\be-?mail(?:[ \t]+address)?(?:[ \t]+is|'s|[ \t]+it's|:)?[ \t]+((?:(?!(?:is|it's|its|was|my|at|the)[ \t])[a-z0-9]+[ \t]+){1,3})$/i;

/** Written and spoken email addresses. */
export const detectEmails = ({ text }: DetectionInput): Candidate[] => {
  const found: Candidate[] = [];
  if (!/@|\bat\b/i.test(text)) return found;
  for (const match of text.matchAll(TYPED_EMAIL))
    found.push(candidate(match.index, match.index + match[0].length, 'email', PRIORITY.email));
  for (const match of text.matchAll(SPOKEN_EMAIL)) {
    if (!/\bat\b|@|\(at\)/i.test(match[0])) continue;
    const before = EMAIL_LABEL_BEFORE.exec(text.slice(Math.max(0, match.index - 60), match.index));
    const start = before?.[1] ? match.index - before[1].length : match.index;
    found.push(candidate(start, match.index + match[0].length, 'email', PRIORITY.email));
  }
  return found;
};
