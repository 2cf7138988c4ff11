import {
  ActionIcon,
  AppShell,
  Burger,
  Button,
  Group,
  Loader,
  NavLink,
  Text,
  Title,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { whenSignedOut } from '../api/client';
import { type ProbedPermission, usePermissions } from '../auth/permissions';
import { useMe, useSignOut } from '../auth/session';
import type { MessageKey } from '../i18n/en';
import { t } from '../i18n/i18n';
import { startLiveUpdates } from '../live/stream';

type NavItem = { to: string; label: MessageKey; permission?: ProbedPermission };

// The navigation by module; each later module adds its group here. An item with a permission
// shows only to roles that hold it (the server refuses the rest anyway).
const NAVIGATION: { group: MessageKey; items: NavItem[] }[] = [
  { group: 'nav.crm', items: [{ to: '/crm/parties', label: 'nav.parties' }] },
  {
    group: 'nav.sales',
    items: [{ to: '/sales/orders', label: 'nav.salesOrders', permission: 'sales.order.read' }],
  },
  { group: 'nav.pos', items: [{ to: '/pos', label: 'nav.register', permission: 'pos.register.read' }] },
  {
    group: 'nav.accounting',
    items: [
      { to: '/accounting/accounts', label: 'nav.accounts', permission: 'accounting.account.read' },
      { to: '/accounting/entries', label: 'nav.entries', permission: 'accounting.entry.read' },
      {
        to: '/accounting/reports/trial-balance',
        label: 'nav.trialBalance',
        permission: 'accounting.report.read',
      },
      {
        to: '/accounting/reports/general-ledger',
        label: 'nav.generalLedger',
        permission: 'accounting.report.read',
      },
      { to: '/accounting/fiscal-years', label: 'nav.fiscalYears', permission: 'accounting.account.read' },
    ],
  },
];
const GUARDED = [...new Set(NAVIGATION.flatMap((s) => s.items.flatMap((i) => i.permission ?? [])))];

function Navigation() {
  const location = useLocation();
  const { can, known } = usePermissions(GUARDED);
  // Busy until the role's permissions are known: entries may still appear.
  return (
    <div aria-busy={!known}>
      {NAVIGATION.map((section) => {
        const items = section.items.filter((item) => !item.permission || can[item.permission] === true);
        if (items.length === 0) return null;
        return (
          <div key={section.group}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={6}>
              {t(section.group)}
            </Text>
            {items.map((item) => {
              const active = location.pathname.startsWith(item.to);
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  variant="filled"
                  label={t(item.label)}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                />
              );
            })}
          </div>
        );
      })}
    </div>
  );
}

function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  return (
    <ActionIcon
      variant="default"
      size="lg"
      aria-label={t('header.theme.toggle')}
      title={t('header.theme.toggle')}
      onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
    >
      <span aria-hidden="true">{scheme === 'dark' ? '☀' : '☾'}</span>
    </ActionIcon>
  );
}

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  useEffect(() => {
    whenSignedOut(() => {
      queryClient.clear();
      void navigate('/sign-in');
    });
    return startLiveUpdates(queryClient);
  }, [queryClient, navigate]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the mobile menu on navigation
  useEffect(close, [location.pathname]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('header.menu')}
            />
            <Text fw={700} component="span">
              {t('app.name')}
            </Text>
            <Text c="dimmed" component="span" data-testid="company-name" truncate>
              {me.data?.company.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="xs" data-testid="user-name">
              {me.data ? t('header.user', { name: me.data.user.displayName }) : ''}
            </Text>
            <ThemeToggle />
            <Button
              variant="default"
              onClick={async () => {
                await signOut();
                void navigate('/sign-in');
              }}
            >
              {t('header.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        <Navigation />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Loader aria-label={t('app.loading')} />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

export function PageTitle({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} · Tandem`;
  }, [children]);
  return (
    <Title order={1} size="h2" mb="md">
      {children}
    </Title>
  );
}
