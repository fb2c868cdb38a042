/** Domain events through a transactional outbox (table `evt_outbox`). */
export {
  appendOutboxEvent,
  appendOutboxEvents,
  consumeOutboxEvents,
  listOutboxEvents,
  type OutboxEvent,
  type StoredOutboxEvent,
} from './events.ts';
export { startOutboxConsumer, type OutboxConsumer, type OutboxConsumerOptions } from './consumer.ts';
