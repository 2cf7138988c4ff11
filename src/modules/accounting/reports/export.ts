import type { FastifyReply } from 'fastify';
import { type Cell, type Sheet, toCsv, toXlsx } from '../../../shared/table-export.ts';
import type { AgedBalance } from './aged-balance.ts';
import type { BalanceSheet, ProfitAndLoss, StatementSection, TaxReport } from './statements.ts';
import type { TrialBalance } from './trial-balance.ts';

export type ReportFormat = 'json' | 'csv' | 'xlsx';
const n = (decimal: string): Cell => ({ decimal });

export function trialBalanceSheet(report: TrialBalance): Sheet {
  return {
    name: 'Trial balance',
    rows: [
      ['Code', 'Account', 'Type', 'Opening', 'Debit', 'Credit', 'Closing'],
      ...report.accounts.map((a) => [
        a.code,
        a.name,
        a.type,
        n(a.opening),
        n(a.debit),
        n(a.credit),
        n(a.closing),
      ]),
    ],
  };
}

function sectionRows(section: StatementSection): Cell[][] {
  return [
    [section.title, null, null],
    ...section.rows.map((r) => [r.code, r.name, n(r.amount)]),
    [null, `Total ${section.title.toLowerCase()}`, n(section.total)],
  ];
}

export function profitAndLossSheet(report: ProfitAndLoss): Sheet {
  const [revenue, cost, other, expenses] = report.sections as [
    StatementSection,
    StatementSection,
    StatementSection,
    StatementSection,
  ];
  return {
    name: 'Profit and loss',
    rows: [
      ['Code', 'Account', `${report.from} – ${report.to}`],
      ...sectionRows(revenue),
      ...sectionRows(cost),
      [null, 'Gross profit', n(report.grossProfit)],
      ...sectionRows(other),
      ...sectionRows(expenses),
      [null, 'Net profit', n(report.netProfit)],
    ],
  };
}

export function balanceSheetSheet(report: BalanceSheet): Sheet {
  return {
    name: 'Balance sheet',
    rows: [
      ['Code', 'Account', report.asOf],
      ...report.sections.flatMap(sectionRows),
      [null, 'Profit or loss not yet closed', n(report.unallocatedEarnings)],
    ],
  };
}

export function taxReportSheet(report: TaxReport): Sheet {
  return {
    name: 'Tax report',
    rows: [
      ['Tax', 'Name', 'Scope', 'VAT category', 'Rate %', 'Base', 'Tax'],
      ...report.rows.map((r) => [r.code, r.name, r.scope, r.vatCategory, r.ratePercent, n(r.base), n(r.tax)]),
      [null, 'Payable', null, null, null, null, n(report.payable)],
    ],
  };
}

export function agedBalanceSheet(report: AgedBalance, names: Map<string, string>): Sheet {
  return {
    name: report.kind === 'receivable' ? 'Aged receivables' : 'Aged payables',
    rows: [
      ['Partner', 'Not due', '1–30', '31–60', '61–90', 'Over 90', 'Total'],
      ...report.partners.map((p) => [
        names.get(p.partnerId) ?? p.partnerId,
        n(p.notDue),
        n(p.days1to30),
        n(p.days31to60),
        n(p.days61to90),
        n(p.over90),
        n(p.total),
      ]),
    ],
  };
}

/** Answers a report as JSON, or as a CSV or XLSX download of its table. */
export function sendReport<T>(
  reply: FastifyReply,
  format: ReportFormat,
  fileName: string,
  report: T,
  sheet: () => Sheet,
): T | FastifyReply {
  if (format === 'json') return report;
  const table = sheet();
  if (format === 'csv') {
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}.csv"`)
      .send(toCsv(table.rows));
  }
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${fileName}.xlsx"`)
    .send(Buffer.from(toXlsx([table])));
}
