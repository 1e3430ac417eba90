import { verifyGithubSignature } from './githubSignature';
import { verifyHmacSignature } from './hmacSignature';
import { DEFAULT_TOLERANCE_SECONDS } from '../../../common/webhookConfig';
import { secretsOf, SignatureConfig } from './signatureConfig';
import { verifyStandardWebhook } from './standardWebhooks';
import { verifyStripeSignature } from './stripeSignature';
import type { SignedRequest, Verification } from './verification';

/** Checks a request against the trigger's signature settings, on the body bytes exactly as received. */
export function verifySignature(config: SignatureConfig, request: SignedRequest): Verification {
  const secrets = secretsOf(config);
  const tolerance = config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  switch (config.type) {
    case 'standard-webhooks':
      return verifyStandardWebhook(request, secrets, tolerance);
    case 'github':
      return verifyGithubSignature(request, secrets);
    case 'stripe':
      return verifyStripeSignature(request, secrets, tolerance);
    case 'hmac':
      return verifyHmacSignature(request, secrets, config, tolerance);
  }
}
