/** The contract's methods on repairs: the files the archive set aside, rebuilt or restored (the Repairs view). */
import { z } from 'zod';
import type { RepairEntry } from '../../model';
import { returns, shortId, type ContractPart } from './fields';

export const repairMethods = {
  /** Files the archive set aside, rebuilt or restored, until dismissed (the Repairs view). */
  'repairs.list': {
    input: z.object({}).strict(),
    output: returns<RepairEntry[]>(),
  },
  'repairs.dismiss': {
    input: z.object({ id: shortId }).strict(),
    output: returns<void>(),
  },
  /** Puts the repair's newest good copy back without losing what was written since, and dismisses it. */
  'repairs.restore': {
    input: z.object({ id: shortId }).strict(),
    output: returns<{ restored: number }>(),
  },
} as const satisfies ContractPart;
