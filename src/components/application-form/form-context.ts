import type { ApiClient } from '../../services/api-client';
import type { EgovConfig } from '../../services/config';
import type { LocaleController } from '../../controllers/locale-controller';
import type { HeadingLevelController } from '../../controllers/heading-level';
import type { ServiceDefinition } from '../../core/service-definition';
import type { MaterialsHost } from './materials';
import type { AnswersController } from './answers';
import type { CorrectionController } from './correction-mode';
import type { DraftController } from './draft';
import type { SessionController } from './session';
import type { StepsController } from './steps';
import type { SubmissionController } from './submission';

/**
 * What the controllers of `<egov-application-form>` share: the element (its config, messages
 * and events), the service definition it loaded, and one another. Each controller holds its
 * own state and changes only that; it asks the others for the rest.
 */
export interface FormContext {
  readonly host: MaterialsHost;
  readonly client: ApiClient;
  readonly config: EgovConfig;
  readonly i18n: LocaleController;
  readonly headings: HeadingLevelController;
  /** The `service` attribute, named in `egov-sign-in-required`. */
  readonly service: string;
  readonly signInUrl: string;
  readonly signer: 'local' | 'remote';
  readonly applicationsUrl: string;
  /** The service definition, once loaded. */
  readonly def: ServiceDefinition | undefined;
  /** The current load: work begun under an earlier one is dropped when it returns. */
  readonly run: number;
  t(key: string, params?: Record<string, string | number>): string;
  emit<K extends keyof HTMLElementEventMap>(
    type: K,
    detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
    options?: { cancelable?: boolean },
  ): boolean;
  announce(message: string): void;
  /** `egov-error` for a failed call. */
  reportError(error: unknown): void;
  readonly session: SessionController;
  readonly draft: DraftController;
  readonly steps: StepsController;
  readonly correction: CorrectionController;
  readonly answers: AnswersController;
  readonly submission: SubmissionController;
}
