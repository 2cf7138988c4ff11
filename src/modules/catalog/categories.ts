import { diffRecords } from '../../platform/audit/changes.ts';
import type { Tx } from '../../platform/db/tx.ts';
import { newId } from '../../platform/ids.ts';
import type { Category, CreateCategoryInput } from './contracts.ts';
import { CatalogErrors } from './errors.ts';
import { catalogCategories } from './schema.ts';
import { assertCategory } from './service.ts';

/** A product category, with the method inventory values its products' stock by. */
export async function createCategory(tx: Tx, input: CreateCategoryInput): Promise<Category> {
  await assertCategory(tx, input.parentId);
  const category: Category = {
    id: newId(),
    name: input.name,
    parentId: input.parentId ?? null,
    valuation: input.valuation,
  };
  await tx.db
    .insert(catalogCategories)
    .values({
      companyId: tx.ctx.companyId,
      ...category,
      createdBy: tx.ctx.actor.id,
      updatedBy: tx.ctx.actor.id,
    })
    .onConflictDoNothing()
    .returning({ id: catalogCategories.id })
    .then((rows) => {
      if (rows.length === 0) throw CatalogErrors.category_name_taken(`a category ${input.name} exists there`);
    });
  tx.audit('catalog.category', category.id, 'create', diffRecords(null, category));
  return category;
}
