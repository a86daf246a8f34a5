import { z } from 'zod';
import { INBOX_AFTER, MAX_PATTERN, RULE_FIELDS, RULE_MODES, type InboxSettings, type Rule } from '../model/rules';


/** A filing rule as the contract accepts it and library.json stores it. Patterns are compiled (and refused) by the core. */
export const ruleSchema: z.ZodType<Rule> = z
  .object({
    id: z.string().regex(/^[a-z0-9]{6,32}$/, 'not a rule id'),
    name: z.string().trim().min(1, 'a rule needs a name').max(100),
    field: z.enum(RULE_FIELDS),
    mode: z.enum(RULE_MODES),
    pattern: z.string().trim().min(1, 'a rule needs a pattern').max(MAX_PATTERN),
    tags: z.array(z.string().trim().min(1).max(200)).max(50),
    collections: z.array(z.string().trim().min(1).max(200)).max(50),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD').optional(),
    enabled: z.boolean(),
  })
  .strict();

/** A new rule has no id yet. */
export const newRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]{6,32}$/, 'not a rule id').optional(),
    name: z.string().trim().min(1, 'a rule needs a name').max(100),
    field: z.enum(RULE_FIELDS),
    mode: z.enum(RULE_MODES),
    pattern: z.string().trim().min(1, 'a rule needs a pattern').max(MAX_PATTERN),
    tags: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
    collections: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD').optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine((r) => r.tags.length + r.collections.length > 0 || r.date, 'a rule must assign a tag, a collection or a date');

export const inboxSettingsSchema: z.ZodType<InboxSettings> = z
  .object({
    folder: z.string().trim().max(4096),
    after: z.enum(INBOX_AFTER),
  })
  .strict();
