import { useCaseApi } from '../../cases/caseClient.ts';
import { useManager } from '../store.ts';

/** The manager's token, the hall API with it, and the hall's time zone, for the records tabs. */
export function useManagerApi() {
  const token = useManager((s) => s.token);
  const tz = useManager((s) => s.hall?.settings.timeZone) ?? 'Asia/Shanghai';
  return { token, tz, api: useCaseApi(token) };
}
