import i18n from '../i18n/index.ts';
import { urlFor, type Contract } from '../../../shared/api/contract.ts';

/**
 * Saves a text reply (a CSV export) as a file. Not through the typed client, which reads JSON: the
 * export is a file to keep, sent with the same token.
 */
export async function downloadText(
  contract: Contract,
  input: Record<string, unknown>,
  token: string,
  filename: string,
): Promise<void> {
  const res = await fetch(`/api/v1${urlFor(contract, input)}`, {
    headers: { authorization: `Bearer ${token}`, 'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN' },
  });
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(data?.error?.message ?? i18n.t('common:failed'));
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await res.blob());
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}
