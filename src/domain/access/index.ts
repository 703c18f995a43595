// Identity and access: who a person is (by Slack id, mention, email, external id or configured name) and
// what they may do. See docs/decisions/0021-identity-and-access.md.
export * from './access-rules.ts';
export * from './match-people.ts';
export * from './person-ref.ts';
export * from './slack-mention.ts';
