import { Plugin } from '@nocobase/server';

type Callback = (message: string) => unknown;

/**
 * A message bus shared by the apps of one test process: each app gets an adapter of NocoBase's
 * pub/sub interface on it, as each node of a cluster gets one on Redis.
 */
class MessageBus {
  readonly subscribers = new Map<string, Set<Callback>>();

  adapter() {
    const { subscribers } = this;
    let connected = false;
    const own = new Map<string, Set<Callback>>();
    return {
      isConnected: () => connected,
      async connect() {
        connected = true;
      },
      async close() {
        connected = false;
        for (const [channel, callbacks] of own) {
          for (const callback of callbacks) {
            subscribers.get(channel)?.delete(callback);
          }
        }
      },
      async subscribe(channel: string, callback: Callback) {
        (own.get(channel) ?? own.set(channel, new Set()).get(channel)!).add(callback);
        (subscribers.get(channel) ?? subscribers.set(channel, new Set()).get(channel)!).add(callback);
      },
      async unsubscribe(channel: string, callback: Callback) {
        own.get(channel)?.delete(callback);
        subscribers.get(channel)?.delete(callback);
      },
      async publish(channel: string, message: string) {
        for (const callback of [...(subscribers.get(channel) ?? [])]) {
          setImmediate(() => void callback(message));
        }
      },
    };
  }
}

const bus = new MessageBus();

/** Gives its app an adapter on the shared bus, before the app connects its pub/sub manager. */
export class SharedPubSubPlugin extends Plugin {
  override async afterAdd() {
    this.app.pubSubManager.setAdapter(bus.adapter());
  }
}
