import { z } from 'zod';

/**
 * The YAML rule format (`rules/*.yaml`), as reviewers read it; `rules/README.md` documents it.
 * A file is `{ rules: [Rule, ...] }`.
 */
export const CATEGORIES = ['injection', 'secret', 'pii', 'custom'] as const;
export const INPUT_ACTIONS = ['block', 'redact', 'log', 'off'] as const;
export const OUTPUT_ACTIONS = ['redact', 'log', 'off'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
/** Built-in detectors a rule may name instead of a pattern. */
export const DETECTORS = ['payment_card', 'iban', 'injection_signals'] as const;
/** Built-in detectors that score passages: their spans cannot be cut out of an answer, so they never act on output. */
export const INPUT_ONLY_DETECTORS: readonly DetectorName[] = ['injection_signals'];

export type Category = (typeof CATEGORIES)[number];
export type InputAction = (typeof INPUT_ACTIONS)[number];
export type OutputAction = (typeof OUTPUT_ACTIONS)[number];
export type DetectorName = (typeof DETECTORS)[number];

const validate = z.strictObject({
  /** Shannon entropy (bits per character) the match (or `group`) must reach: placeholders such as sk-XXXX fail it. */
  min_entropy: z.number().min(0).max(8).optional(),
  /** At least this many distinct characters. */
  min_distinct: z.number().int().min(1).optional(),
  /** A regex (case-sensitive): a value it finds anything in is a documentation example or placeholder, not a secret (`EXAMPLE`). */
  reject: z.string().min(1).optional(),
  /** Which capture group the checks apply to (0: the whole match). */
  group: z.number().int().min(0).max(9).default(0),
});

export const ruleSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/, 'must look like category.name (lower case, dots)'),
    category: z.enum(CATEGORIES),
    description: z.string().min(1),
    severity: z.enum(SEVERITIES),
    /** A JavaScript regular expression, matched against the normalised text, case-insensitive unless `case_sensitive`. */
    pattern: z.string().min(1).optional(),
    detector: z.enum(DETECTORS).optional(),
    case_sensitive: z.boolean().default(false),
    /**
     * Lower-case literals of which every match contains one: the rule runs only if one occurs in
     * the normalised text. Or a list of such lists: every match contains one literal of each.
     */
    anchors: z.union([z.array(z.string().min(1)).min(1), z.array(z.array(z.string().min(1)).min(1)).min(1)]).optional(),
    /** A cheap regular expression every match contains a match of: where it finds nothing, the rule is not run. */
    prefilter: z.string().min(1).optional(),
    validate: validate.optional(),
    /** The longest text the rule can match; required for unbounded patterns (it bounds streaming holdback). */
    max_length: z.number().int().min(1).max(65_536).optional(),
    input: z.enum(INPUT_ACTIONS),
    output: z.enum(OUTPUT_ACTIONS),
    label: z.string().regex(/^\[[A-Z0-9_-]+\]$/, 'must look like [SOMETHING-REDACTED]'),
    /** Record what this rule would do, never act on it. */
    observe: z.boolean().default(false),
    examples: z.strictObject({
      match: z.array(z.string()).min(1),
      no_match: z.array(z.string()).min(1),
    }),
  })
  .refine((r) => (r.pattern === undefined) !== (r.detector === undefined), {
    message: 'needs exactly one of pattern or detector',
    path: ['pattern'],
  })
  .refine((r) => r.output === 'off' || r.detector === undefined || !INPUT_ONLY_DETECTORS.includes(r.detector), {
    message: "must be 'off': this detector scores whole passages of a prompt and cannot act on answers",
    path: ['output'],
  });

export type RuleSpec = z.output<typeof ruleSchema>;

export const ruleFileSchema = z.strictObject({ rules: z.array(z.unknown()).min(1) });
