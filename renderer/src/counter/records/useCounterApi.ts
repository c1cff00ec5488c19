import { useCaseApi } from '../../cases/caseClient.ts';
import { useCounter } from '../store.ts';

/** The counter's session token, the hall API with it, and the hall's time zone, for the records cards. */
export function useCounterApi() {
  const token = useCounter((s) => s.session?.token);
  const tz = useCounter((s) => s.hall?.settings.timeZone) ?? 'Asia/Shanghai';
  return { token, tz, api: useCaseApi(token) };
}
