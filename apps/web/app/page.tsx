import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ModelFiltersForm } from '@/components/models/model-filters-form';
import { ModelsTable, type SortHeader } from '@/components/models/models-table';
import { SectionSkeleton } from '@/components/ui/skeleton';
import { fetchModelFacets, fetchModelView } from '@/lib/api/models';
import { isFiltered, modelViewHref, parseModelView, type ModelView, type SortKey } from '@/lib/model-filters';
import type { SearchParams } from '@/lib/url-parsers';

export const metadata: Metadata = { title: 'Models' };

export default async function ModelsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const view = parseModelView(params);
  const key = modelViewHref(view);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Models</h1>
          <p className="muted" style={{ margin: 0 }}>Every fitted network, across architectures and datasets. Pick two or more to compare.</p>
        </div>
      </div>
      <div className="models-layout">
        <Suspense fallback={<SectionSkeleton title="Filters" height={360} />}>
          <Filters view={view} formKey={key} />
        </Suspense>
        <Suspense key={key} fallback={<SectionSkeleton title="Models" height={480} />}>
          <Table view={view} />
        </Suspense>
      </div>
    </>
  );
}

async function Filters({ view, formKey }: { view: ModelView; formKey: string }) {
  const facets = await fetchModelFacets();
  return <ModelFiltersForm key={formKey} view={view} architectures={facets.architectures.nodes} datasets={facets.datasets.nodes.map((d) => d.name)} tags={facets.tags} />;
}

async function Table({ view }: { view: ModelView }) {
  const page = await fetchModelView(view);
  const sortable = (label: string, sort: SortKey | undefined, width: string, numeric = false): SortHeader => ({
    label,
    width,
    numeric,
    sorted: sort && view.sort === sort ? view.dir : undefined,
    // A new order starts again from the first page.
    href: sort ? modelViewHref(view, { sort, dir: view.sort === sort && view.dir === 'desc' ? 'asc' : 'desc', after: null, before: null }) : undefined,
  });
  const headers = [
    sortable('Model', 'name', '19%'),
    sortable('Architecture', 'architecture', '11%'),
    sortable('Dataset', 'dataset', '11%'),
    sortable('Accuracy', 'accuracy', '8%', true),
    sortable('Layers', 'layers', '6%', true),
    sortable('Classes', 'classes', '7%', true),
    sortable('Latest run', 'status', '10%'),
    sortable('Tags', undefined, '18%'),
    sortable('Created', 'created', '10%'),
  ];
  return (
    <section aria-label="Models" className="stack" style={{ gap: '0.5rem' }}>
      {isFiltered(view) ? <p className="muted" style={{ margin: 0 }}>{page.totalCount} models match the filters.</p> : null}
      <ModelsTable initial={page} view={view} headers={headers} />
    </section>
  );
}
