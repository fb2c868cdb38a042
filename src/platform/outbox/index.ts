/** Domain events through a transactional outbox (table `evt_outbox`). */
export {
  appendOutboxEvent,
  consumeOutboxEvents,
  listOutboxEvents,
  type OutboxEvent,
  type StoredOutboxEvent,
} from './events.ts';
