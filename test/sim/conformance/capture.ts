/**
 * Records every HTTP response the Okta SDK receives (API calls, raw `client.http` calls and its
 * OAuth token requests), body included, by hooking the SDK's request executor.
 */
import okta from '@okta/okta-sdk-nodejs';

export interface CapturedResponse {
  method: string;
  /** Absolute URL as the SDK requested it. */
  url: string;
  status: number;
  /** Parsed JSON, or the raw text when it is not JSON. */
  body: unknown;
}

/** Collects responses from any number of executors; `all()` waits for bodies still being read. */
export class ResponseSink {
  private readonly responses: CapturedResponse[] = [];
  private readonly pending: Promise<void>[] = [];

  record(method: string, url: string, status: number, text: Promise<string>): void {
    this.pending.push(
      text.then((raw) => {
        let body: unknown = raw;
        try {
          body = JSON.parse(raw);
        } catch {
          // kept as text; the validator reports it against the JSON schema
        }
        this.responses.push({ method: method.toUpperCase(), url, status, body });
      }),
    );
  }

  async all(): Promise<CapturedResponse[]> {
    await Promise.all(this.pending);
    return this.responses;
  }
}

interface ExecutorRequest {
  url: string;
  method?: string;
}
interface ExecutorResponse {
  status: number;
  clone(): { text(): Promise<string> };
}

/**
 * The SDK's default executor (429 retries included) that copies each raw response to a sink.
 * `parseResponse` sees every response exactly once, retried attempts included, before the SDK
 * reads the body.
 */
export class CapturingRequestExecutor extends okta.DefaultRequestExecutor {
  constructor(
    private readonly sink: ResponseSink,
    config?: { maxRetries: number; requestTimeout: number },
  ) {
    super(config);
  }

  override parseResponse(request: ExecutorRequest, response: ExecutorResponse) {
    this.sink.record(request.method ?? 'GET', request.url, response.status, response.clone().text());
    return super.parseResponse(request as never, response as never);
  }
}
