import { createHmac, randomInt } from 'node:crypto';
import { type Challenge, createChallenge, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import * as z from 'zod';

/** How hard a challenge is: PBKDF2 iterations per try, and the range the secret counter is drawn from. */
export interface ProofDifficulty {
  cost: number;
  counterMin: number;
  counterMax: number;
}

/** ALTCHA's own example values: a second or two in a phone's browser, costly for a bot sending thousands. */
export const defaultDifficulty: ProofDifficulty = { cost: 5_000, counterMin: 5_000, counterMax: 10_000 };

/** How long a challenge can be solved and used. */
export const challengeLifetimeMs = 15 * 60 * 1000;

/** The payload the widget puts in the form: base64 of `{challenge: {parameters, signature}, solution}`. */
const PayloadSchema = z.object({
  challenge: z.object({
    parameters: z.looseObject({
      algorithm: z.string(),
      nonce: z.string().max(200),
      salt: z.string().max(200),
      cost: z.number(),
      keyLength: z.number(),
      keyPrefix: z.string().max(200),
      keySignature: z.string().max(200).optional(),
      expiresAt: z.number().optional(),
    }),
    signature: z.string().max(200),
  }),
  solution: z.object({ counter: z.number().int().min(0), derivedKey: z.string().max(1024), time: z.number().optional() }),
});

/** What a payload proved: `verified`, or why not (said in the log and the email, never to the sender). */
export type ProofResult =
  | { verified: true; nonce: string; expiresAt: number }
  | { verified: false; reason: 'missing' | 'invalid' | 'expired' };

/**
 * Creates and checks ALTCHA proof-of-work challenges with `altcha-lib`, signed with `CONTACT_SECRET` (and a
 * key derived from it for the counter's signature, as altcha-lib's own server plug-ins do). Deciding
 * whether a solved challenge was already used is the store's job (`ContactStore.claimChallenge`).
 */
export function createProofChecker(secret: string, options: { difficulty?: ProofDifficulty; now?: () => number } = {}) {
  const difficulty = options.difficulty ?? defaultDifficulty;
  const now = options.now ?? Date.now;
  const keySecret = createHmac('sha256', secret).update('altcha derived key secret').digest('hex');

  return {
    async challenge(): Promise<Challenge> {
      return createChallenge({
        algorithm: 'PBKDF2/SHA-256',
        cost: difficulty.cost,
        counter: randomInt(difficulty.counterMin, difficulty.counterMax + 1),
        deriveKey,
        expiresAt: Math.floor((now() + challengeLifetimeMs) / 1000),
        hmacSignatureSecret: secret,
        hmacKeySignatureSecret: keySecret,
      });
    },

    async verify(payload: string | undefined): Promise<ProofResult> {
      if (!payload) return { verified: false, reason: 'missing' };
      let parsed: z.infer<typeof PayloadSchema>;
      try {
        parsed = PayloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64').toString('utf8')));
      } catch {
        return { verified: false, reason: 'invalid' };
      }
      const { parameters } = parsed.challenge;
      if (parameters.expiresAt === undefined) return { verified: false, reason: 'invalid' };
      if (parameters.expiresAt * 1000 < now()) return { verified: false, reason: 'expired' };
      try {
        const { keySignature, expiresAt, ...signed } = parameters;
        const { time, ...solution } = parsed.solution;
        const result = await verifySolution({
          challenge: {
            parameters: { ...signed, expiresAt, ...(keySignature !== undefined ? { keySignature } : {}) },
            signature: parsed.challenge.signature,
          },
          solution: { ...solution, ...(time !== undefined ? { time } : {}) },
          deriveKey,
          hmacSignatureSecret: secret,
          hmacKeySignatureSecret: keySecret,
        });
        if (result.expired) return { verified: false, reason: 'expired' };
        if (!result.verified) return { verified: false, reason: 'invalid' };
      } catch {
        return { verified: false, reason: 'invalid' };
      }
      return { verified: true, nonce: parameters.nonce, expiresAt: parameters.expiresAt * 1000 };
    },
  };
}

export type ProofChecker = ReturnType<typeof createProofChecker>;
