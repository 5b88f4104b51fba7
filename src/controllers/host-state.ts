import type { ReactiveControllerHost } from 'lit';

/**
 * The state a reactive controller keeps for its host: an object with the fields of
 * `initial`, where writing a different value to a field renders the host again, as `@state`
 * does on an element. The controller that makes it is the one that writes it.
 */
export function hostState<T extends object>(host: ReactiveControllerHost, initial: T): T {
  return new Proxy({ ...initial }, {
    set(target, key, value) {
      if (!Object.is(Reflect.get(target, key), value)) {
        Reflect.set(target, key, value);
        host.requestUpdate();
      }
      return true;
    },
  });
}
