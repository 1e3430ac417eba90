/*
 * @nocobase/client 2.2.x is not installable from the npm registry (its dependency @nocobase/client-v2 is
 * unpublished), so the client is type-checked against this declaration of the API surface it uses.
 * The admin UI supplies the real module at run time.
 */
declare module '@nocobase/client' {
  export interface PluginManager {
    get(name: string): unknown;
  }

  export interface Application {
    pm: PluginManager;
  }

  export class Plugin<Options = Record<string, unknown>> {
    options: Options;
    app: Application;
    afterAdd(): Promise<void>;
    beforeLoad(): Promise<void>;
    load(): Promise<void>;
  }

  export interface APIClient {
    axios: { defaults: { baseURL?: string } };
    request<T = unknown>(config: {
      url: string;
      method?: 'get' | 'post';
      params?: Record<string, unknown>;
      data?: unknown;
      timeout?: number;
    }): Promise<{ data: T }>;
  }

  export function useAPIClient(): APIClient;
}
