/** A distribution field of the scenario schema, checked with a message listing the forms. */
import { z } from 'zod';
import { distributionProblem } from './distributions.js';

export const distributionField = z.unknown().superRefine((value, ctx) => {
  const problem = distributionProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});
