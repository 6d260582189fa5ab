import type { Metadata } from 'next';
import { ERROR_TAXONOMY, HANDLERS, SECTIONS, type ContractEntry, type ContractField } from '@/content/contract';
import { DEFAULT_STATUS, ERROR_CATEGORIES } from '@/lib/sdk';

export const metadata: Metadata = {
  title: 'The contract',
  description: 'The TypeScript types and helpers lab handlers code against, each with its Go plugin SDK equivalent.',
};

const TOC = [{ id: 'handlers', title: 'The two functions you write' }, ...SECTIONS.map(({ id, title }) => ({ id, title })), { id: 'errors', title: 'Error taxonomy' }];

export default function ContractPage() {
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <header className="max-w-3xl">
        <h1 className="text-3xl font-semibold text-white">The contract</h1>
        <p className="mt-3 leading-relaxed">
          Every lab handler is written against the types on this page, imported from <Code>@lab/sdk</Code>. They follow
          Grafana&apos;s plugin SDK for Go closely, so each entry names its Go counterpart: what you learn here carries over to
          a real backend plugin. Frames are built with Grafana&apos;s own <Code>@grafana/data</Code>.
        </p>
      </header>

      <nav aria-labelledby="toc-title" className="mt-8 rounded-lg border border-border bg-panel p-4">
        <h2 id="toc-title" className="text-sm font-semibold text-white">
          On this page
        </h2>
        <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
          {TOC.map((item) => (
            <li key={item.id}>
              <a href={`#${item.id}`} className="text-accent underline-offset-2 hover:underline">
                {item.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <section id="handlers" aria-labelledby="handlers-title" className="mt-12 scroll-mt-6">
        <h2 id="handlers-title" className="text-2xl font-semibold text-white">
          The two functions you write
        </h2>
        <p className="mt-2 max-w-3xl text-muted">A lab&apos;s entry file exports one or both of these; the runtime calls them as Grafana would.</p>
        {HANDLERS.map((handler) => (
          <article key={handler.name} aria-labelledby={`fn-${handler.name}`} className="mt-6 rounded-lg border border-border bg-panel p-5">
            <h3 id={`fn-${handler.name}`} className="text-lg font-semibold text-white">
              <code>{handler.name}</code>
            </h3>
            <p className="mt-2 leading-relaxed">
              <Prose text={handler.summary} />
            </p>
            <dl className="mt-4 grid gap-3">
              <Signature label="TypeScript" code={handler.ts} />
              <Signature label="Go" code={handler.go} />
            </dl>
          </article>
        ))}
      </section>

      {SECTIONS.map((section) => (
        <section key={section.id} id={section.id} aria-labelledby={`${section.id}-title`} className="mt-14 scroll-mt-6">
          <h2 id={`${section.id}-title`} className="text-2xl font-semibold text-white">
            {section.title}
          </h2>
          <p className="mt-2 max-w-3xl leading-relaxed text-muted">
            <Prose text={section.intro} />
          </p>
          {section.entries.map((entry) => (
            <Entry key={entry.id} entry={entry} />
          ))}
        </section>
      ))}

      <section id="errors" aria-labelledby="errors-title" className="mt-14 scroll-mt-6">
        <h2 id="errors-title" className="text-2xl font-semibold text-white">
          Error taxonomy
        </h2>
        <p className="mt-2 max-w-3xl leading-relaxed text-muted">
          &ldquo;Query failed&rdquo; tells nobody what to do. Give every failure one of these categories: log the detailed cause,
          show the user a safe message, and count errors per category so an operator sees at a glance whether the problem is
          the queries, the credentials or the upstream. The error source is the usual <Code>backend.ErrorSource</Code> in Go:
          whether the fault lies outside the plugin (<Code>downstream</Code>) or in it (<Code>plugin</Code>).
        </p>
        <Taxonomy />
      </section>
    </div>
  );
}

/** The error taxonomy: a table from md up, a list of cards on narrow screens. */
function Taxonomy() {
  return (
    <>
      <div className="mt-4 hidden rounded-lg border border-border bg-panel md:block">
        <table className="w-full table-fixed border-collapse text-left text-sm">
          <caption className="sr-only">Error categories: meaning, default status, Go equivalent and an example</caption>
          <colgroup>
            <col className="w-[13%]" />
            <col className="w-[22%]" />
            <col className="w-[9%]" />
            <col className="w-[28%]" />
            <col className="w-[28%]" />
          </colgroup>
          <thead className="border-b border-border text-white">
            <tr>
              <th scope="col" className="p-3 font-semibold">Category</th>
              <th scope="col" className="p-3 font-semibold">Meaning</th>
              <th scope="col" className="p-3 font-semibold">Default status</th>
              <th scope="col" className="p-3 font-semibold">Go</th>
              <th scope="col" className="p-3 font-semibold">Example</th>
            </tr>
          </thead>
          <tbody>
            {ERROR_CATEGORIES.map((category) => {
              const info = ERROR_TAXONOMY[category];
              return (
                <tr key={category} className="border-t border-border align-top">
                  <th scope="row" className="p-3 font-normal [overflow-wrap:anywhere]">
                    <Code>{category}</Code>
                  </th>
                  <td className="p-3">{info.meaning}</td>
                  <td className="p-3 tabular-nums">{DEFAULT_STATUS[category]}</td>
                  <td className="p-3 [overflow-wrap:anywhere]">
                    <Code>{info.goStatus}</Code>
                    <span className="mt-1 block text-muted">
                      source: <Code>{info.source}</Code>
                    </span>
                  </td>
                  <td className="p-3">
                    <Prose text={info.example} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ul className="mt-4 space-y-3 md:hidden">
        {ERROR_CATEGORIES.map((category) => {
          const info = ERROR_TAXONOMY[category];
          return (
            <li key={category} className="rounded-lg border border-border bg-panel p-4 text-sm [overflow-wrap:anywhere]">
              <h3 className="text-base font-normal">
                <Code>{category}</Code> <span className="text-muted">· default status {DEFAULT_STATUS[category]}</span>
              </h3>
              <p className="mt-2">{info.meaning}</p>
              <p className="mt-1 text-muted">
                For example: <Prose text={info.example} />
              </p>
              <p className="mt-1 text-muted">
                Go: <Code>{info.goStatus}</Code>, source <Code>{info.source}</Code>
              </p>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Entry({ entry }: { entry: ContractEntry }) {
  const titleId = `${entry.id}-title`;
  return (
    <article id={entry.id} aria-labelledby={titleId} className="mt-6 scroll-mt-6 rounded-lg border border-border bg-panel p-5">
      <h3 id={titleId} className="text-lg font-semibold text-white">
        <code>{entry.name}</code>
      </h3>
      <p className="mt-1 text-sm text-muted">
        From <Code>{entry.module}</Code> · Go: <Code>{entry.go}</Code>
      </p>
      <p className="mt-3 leading-relaxed">
        <Prose text={entry.summary} />
      </p>

      {entry.fields && <Fields entry={entry} fields={entry.fields} />}

      {entry.notes && (
        <ul className="mt-4 list-disc space-y-1 pl-5 text-sm leading-relaxed">
          {entry.notes.map((note) => (
            <li key={note}>
              <Prose text={note} />
            </li>
          ))}
        </ul>
      )}

      {entry.example && (
        <figure className="mt-4">
          <figcaption className="text-sm text-muted">Example</figcaption>
          <pre className="mt-1 whitespace-pre-wrap break-words rounded-md border border-border bg-canvas p-3 text-sm leading-relaxed">
            <code>{entry.example}</code>
          </pre>
        </figure>
      )}
    </article>
  );
}

/** A table from md up; a stacked list on narrow screens, where four columns cannot fit. */
function Fields({ entry, fields }: { entry: ContractEntry; fields: ContractField[] }) {
  const goText = (go: string) => (go.includes('`') ? go : `\`${go}\``);
  return (
    <>
      <table className="mt-4 hidden w-full table-fixed border-collapse text-left text-sm md:table">
        <caption className="sr-only">Fields of {entry.name}</caption>
        <colgroup>
          <col className="w-[24%]" />
          <col className="w-[24%]" />
          <col className="w-[28%]" />
          <col className="w-[24%]" />
        </colgroup>
        <thead className="border-b border-border text-white">
          <tr>
            <th scope="col" className="py-2 pr-3 font-semibold">Field</th>
            <th scope="col" className="py-2 pr-3 font-semibold">Type</th>
            <th scope="col" className="py-2 pr-3 font-semibold">Meaning</th>
            <th scope="col" className="py-2 font-semibold">Go</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.name} className="border-t border-border align-top">
              <th scope="row" className="py-2 pr-3 font-normal [overflow-wrap:anywhere]">
                <Code>{field.name}</Code>
              </th>
              <td className="py-2 pr-3 [overflow-wrap:anywhere]">
                <Code>{field.type}</Code>
              </td>
              <td className="py-2 pr-3">
                <Prose text={field.meaning} />
              </td>
              <td className="py-2 [overflow-wrap:anywhere]">
                <Prose text={goText(field.go)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="mt-4 divide-y divide-border border-t border-border text-sm md:hidden">
        {fields.map((field) => (
          <div key={field.name} className="py-3 [overflow-wrap:anywhere]">
            <dt>
              <Code>{field.name}</Code> <span className="text-muted">:</span> <Code>{field.type}</Code>
            </dt>
            <dd className="mt-1 leading-relaxed">
              <Prose text={field.meaning} />
            </dd>
            <dd className="mt-1 text-muted">
              Go: <Prose text={goText(field.go)} />
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function Signature({ label, code }: { label: string; code: string }) {
  return (
    <div>
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-1">
        <pre className="whitespace-pre-wrap break-words rounded-md border border-border bg-canvas p-3 text-sm">
          <code>{code}</code>
        </pre>
      </dd>
    </div>
  );
}

/** Inline code, styled to stand out from prose on the dark panels. */
function Code({ children }: { children: React.ReactNode }) {
  return <code className="rounded bg-canvas px-1 py-0.5 font-mono text-[0.9em] text-white">{children}</code>;
}

/** Plain text in which `backticks` mark code. React escapes everything; no HTML is parsed. */
function Prose({ text }: { text: string }) {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <Code key={i}>{part}</Code> : part));
}
