import { defineErrors } from '../errors.ts';

export const WebhookErrors = defineErrors('webhook', {
  // Outbound: a URL an endpoint may not point at (see outbound-guard.ts).
  url_invalid: { status: 422, title: 'The webhook URL is not valid' },
  url_scheme_not_allowed: { status: 422, title: 'A webhook URL must use http or https' },
  url_credentials_not_allowed: { status: 422, title: 'A webhook URL may not carry a user name or password' },
  url_not_allowed: { status: 422, title: 'The webhook URL points at an address that is not allowed' },
  url_unresolvable: { status: 422, title: 'The webhook host name could not be resolved' },
  // Inbound: a request whose Standard Webhooks signature does not hold (see signature.ts).
  signature_headers_missing: { status: 400, title: 'The webhook signature headers are missing' },
  timestamp_invalid: { status: 400, title: 'The webhook timestamp is not valid' },
  timestamp_out_of_tolerance: { status: 401, title: 'The webhook timestamp is too old or too new' },
  signature_mismatch: { status: 401, title: 'No webhook signature matches' },
  secret_invalid: { status: 422, title: 'The webhook secret is not valid' },
  // Endpoint management and the delivery log.
  endpoint_not_found: { status: 404, title: 'No such webhook endpoint' },
  endpoint_limit_reached: { status: 422, title: 'The company has as many webhook endpoints as allowed' },
  endpoint_disabled: { status: 409, title: 'The webhook endpoint is disabled' },
  event_type_unknown: { status: 422, title: 'An event type is not known' },
  delivery_not_found: { status: 404, title: 'No such webhook delivery' },
});
