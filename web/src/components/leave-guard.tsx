import { Button, Group, Modal } from '@mantine/core';
import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { t } from '../i18n/i18n';

export type LeaveGuardProps = {
  /** True while there are unsaved changes. */
  dirty: boolean;
  /** Set before a navigation that should not ask (after a save). */
  leavingAllowed: { current: boolean };
};

/** Asks before in-app navigation or closing the tab would lose unsaved changes. */
export function LeaveGuard({ dirty, leavingAllowed }: LeaveGuardProps) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leavingAllowed.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return (
    <Modal
      opened={blocker.state === 'blocked'}
      onClose={() => blocker.reset?.()}
      title={t('form.unsaved')}
      closeButtonProps={{ 'aria-label': t('app.close') }}
      centered
    >
      <Group justify="flex-end">
        <Button variant="default" onClick={() => blocker.reset?.()}>
          {t('form.stay')}
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()}>
          {t('form.leave')}
        </Button>
      </Group>
    </Modal>
  );
}
