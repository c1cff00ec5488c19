import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, Space, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { RatingRequestStatus } from '../../../shared/api/hall/ratings.ts';
import { addDays, businessDay } from '../../../shared/time/businessDay.ts';
import { hallApi, type HallApi } from '../../../shared/api/hall/index.ts';
import { createClient, type Client } from '../lib/client.ts';
import { usePolling } from '../lib/usePolling.ts';
import { EMPTY_SCREEN, useScreenDraft } from './screenState.ts';
import { heldTicket, useCounter } from './store.ts';

/** Screen calls need no re-read of the counter's queue or money afterwards. */
const screenApi = (() => {
  const api = createClient(hallApi, { token: () => useCounter.getState().session?.token });
  return { call: <R,>(f: (api: Client<HallApi>) => Promise<R>) => f(api) };
})();

/**
 * The clerk's side of the customer screen (R-SCR-1, R-FR-3, R-FR-4, R-EVAL-1): pairing the screen and
 * the pad, the step the customer is at, the materials they lack, the acceptance, and the rating
 * invitation, of which the clerk sees only whether it was rated, never how.
 */
export function CustomerScreenCard() {
  const { t, i18n } = useTranslation('counter');
  const { message, modal } = AntApp.useApp();
  const session = useCounter((s) => s.session)!;
  const hall = useCounter((s) => s.hall);
  const ticket = useCounter((s) => heldTicket(s));
  const counter = hall?.counters.find((c) => c.counterNo === session.counterNo);
  const draft = useScreenDraft((s) => s.state);
  const setDraft = useScreenDraft((s) => s.set);
  const [rating, setRating] = useState<z.infer<typeof RatingRequestStatus> | null>(null);
  const no = session.counterNo;
  const guide = ticket ? hall?.settings.serviceGuides[ticket.serviceCode] : undefined;
  const lang = i18n.language === 'en' ? 'en' : 'zh';

  // A new ticket starts a fresh view; the away sign follows the counter's state.
  useEffect(() => {
    setDraft({
      ...EMPTY_SCREEN,
      ticket: ticket ? { id: ticket.id, number: ticket.number, serviceCode: ticket.serviceCode } : null,
    });
  }, [ticket?.id, ticket, setDraft]);
  const away =
    counter?.status === 'away' && counter.awayReason && counter.returnAt
      ? { reason: counter.awayReason, returnAt: counter.returnAt }
      : null;
  useEffect(() => setDraft({ away }), [away?.reason, away?.returnAt]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    void screenApi.call((api) => api.publishScreen({ no, body: draft })).catch(() => undefined);
  }, [draft, no]);

  usePolling(
    async () => setRating((await screenApi.call((api) => api.lastRatingRequest({ no }))) ?? null),
    2000,
    no,
  );

  const code = async (kind: 'customer' | 'pad') => {
    try {
      const reply = await screenApi.call((api) => api.makeScreenCode({ no, body: { kind } }));
      if (kind === 'customer')
        window.open(`/customer?pair=${encodeURIComponent(reply.code)}`, 'customer-screen');
      else
        modal.info({
          title: t('padCodeTitle'),
          content: (
            <Typography.Title level={2} copyable data-testid="pad-code">
              {reply.code}
            </Typography.Title>
          ),
        });
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const invite = async () => {
    const target = ticket ?? null;
    if (!target) return;
    try {
      await screenApi.call((api) =>
        api.requestRating({ no, body: { ticketId: target.id, ticketNumber: target.number } }),
      );
      void message.success(t('ratingInvited'));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const accept = () => {
    const tz = hall?.settings.timeZone ?? 'Asia/Shanghai';
    setDraft({ accepted: { promisedDay: addDays(businessDay(Date.now(), tz), guide?.promisedDays ?? 0) } });
  };
  const toggleMissing = (i: number, on: boolean) => {
    const now = new Set(draft.missing ?? []);
    if (on) now.add(i);
    else now.delete(i);
    setDraft({ missing: [...now].sort((a, b) => a - b) });
  };

  return (
    <Card title={t('customerScreen')} size="small">
      <Space wrap>
        <Button onClick={() => void code('customer')}>{t('openCustomerScreen')}</Button>
        <Button onClick={() => void code('pad')}>{t('padCode')}</Button>
        <Button type="primary" disabled={!ticket} onClick={() => void invite()}>
          {t('inviteRating')}
        </Button>
        {rating ? (
          <Tag
            color={rating.state === 'open' ? 'blue' : rating.state === 'rated' ? 'green' : 'default'}
            data-testid="rating-state"
          >
            {t(`rating_${rating.state}`, { number: rating.ticketNumber ?? '' })}
          </Tag>
        ) : null}
      </Space>
      {ticket && guide ? (
        <>
          <Steps
            size="small"
            style={{ marginTop: 12 }}
            current={draft.step}
            onChange={(step) => setDraft({ step })}
            items={guide.steps.map((s) => ({ title: lang === 'en' ? s.en : s.zh }))}
          />
          {guide.materials.length > 0 ? (
            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>{t('missingMaterials')}</Typography.Text>
              {guide.materials.map((m, i) => (
                <div key={i}>
                  <Checkbox
                    checked={(draft.missing ?? []).includes(i)}
                    onChange={(e) => toggleMissing(i, e.target.checked)}
                  >
                    {lang === 'en' ? m.en : m.zh}
                  </Checkbox>
                </div>
              ))}
              {draft.missing === null ? (
                <Button size="small" onClick={() => setDraft({ missing: [] })}>
                  {t('allPresent')}
                </Button>
              ) : null}
            </div>
          ) : null}
          <Button style={{ marginTop: 12 }} disabled={draft.accepted !== null} onClick={accept}>
            {draft.accepted ? t('acceptedUntil', { day: draft.accepted.promisedDay }) : t('acceptBusiness')}
          </Button>
        </>
      ) : null}
    </Card>
  );
}

/** R-EVAL-1: finishing invites the rating when the hall's setting says so. */
export async function inviteOnFinish(
  ticket: { id: string; number: string },
  counterNo: number,
): Promise<void> {
  if (!useCounter.getState().hall?.settings.ratingOnFinish) return;
  await screenApi
    .call((api) =>
      api.requestRating({ no: counterNo, body: { ticketId: ticket.id, ticketNumber: ticket.number } }),
    )
    .catch(() => undefined);
}
