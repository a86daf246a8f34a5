/** The contract's methods on filing rules: the list, its preview and applying it to the library. */
import { z } from 'zod';
import type { Rule, RulePreviewEntry } from '../../model';
import { newRuleSchema } from '../rule-schema';
import { returns, type ContractPart } from './fields';

export const ruleMethods = {
  'rules.list': {
    input: z.object({}).strict(),
    output: returns<Rule[]>(),
  },
  /** Replaces the rule list (order is the order they apply in); a pattern that does not compile refuses the save, naming the rule. */
  'rules.save': {
    input: z.object({ rules: z.array(newRuleSchema).max(200) }).strict(),
    output: returns<Rule[]>(),
  },
  /** Which documents the rules would change, and how; nothing is written. */
  'rules.preview': {
    input: z.object({}).strict(),
    output: returns<RulePreviewEntry[]>(),
  },
  /** Applies the preview to the library in one write; answers what changed. */
  'rules.apply': {
    input: z.object({}).strict(),
    output: returns<RulePreviewEntry[]>(),
  },
} as const satisfies ContractPart;
