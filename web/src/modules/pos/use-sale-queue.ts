import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isOnline, setOnline, useOnline } from './connectivity';
import { drainQueue, onQueueChange, type QueuedSale, queuedSales } from './sale-queue';

// How often an offline till asks whether the server is back.
const PROBE_MS = 2000;

async function serverAnswers(): Promise<boolean> {
  try {
    return (await fetch('/healthz', { cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

/**
 * The queued sales, kept in step with IndexedDB; while the till is offline it asks the server
 * every two seconds, and once it answers sends the queue and refreshes the catalogue.
 */
export function useSaleQueue(): { queued: QueuedSale[]; online: boolean; flagged: number } {
  const online = useOnline();
  const queryClient = useQueryClient();
  const [queued, setQueued] = useState<QueuedSale[]>([]);
  const wasOffline = useRef(false);
  const [flagged, setFlagged] = useState(0);
  useEffect(() => {
    const reload = () => void queuedSales().then(setQueued);
    reload();
    return onQueueChange(reload);
  }, []);
  useEffect(() => {
    if (!online) {
      wasOffline.current = true;
      return;
    }
    void drainQueue().then(({ recorded, flagged }) => {
      if (recorded > 0) void queryClient.invalidateQueries({ queryKey: ['pos.shift'] });
      if (flagged > 0) setFlagged((n) => n + flagged);
    });
    // Back from offline: everything that failed meanwhile (who is signed in, the navigation's
    // permissions, the catalogue) is asked for again.
    if (wasOffline.current) void queryClient.invalidateQueries();
    wasOffline.current = false;
  }, [online, queryClient]);
  useEffect(() => {
    if (online) return;
    const timer = setInterval(async () => {
      if (!isOnline() && (await serverAnswers())) setOnline(true);
    }, PROBE_MS);
    return () => clearInterval(timer);
  }, [online]);
  return { queued, online, flagged };
}
