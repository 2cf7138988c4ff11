// The public face of webhooks: routes for the app, the after-commit subscriber and the job for
// the server's dispatcher and job runner, the settings, and the event that tells admins an
// endpoint was disabled.
export type {
  CreateEndpointInput,
  RotateSecretInput,
  UpdateEndpointInput,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from './contracts.ts';
export { deliverWebhookJob, webhookJobs } from './delivery-job.ts';
export { WebhookEndpointDisabled } from './events.ts';
export { type WebhookRouteOptions, webhookRoutes } from './routes.ts';
export { configureWebhooks, type WebhookSettings, webhookSettings } from './settings.ts';
export { webhookSubscriber } from './subscriber.ts';
