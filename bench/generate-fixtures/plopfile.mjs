/**
 * The benchmark component generator for plop / node-plop: one prompt (bypassable: `plop component
 * Foo`) and three `add` actions from the same Handlebars templates as the other variants.
 */
export default function (plop) {
  plop.setGenerator('component', {
    description: 'React component, test and index in their own folder',
    prompts: [{ type: 'input', name: 'name', message: 'Component name?' }],
    actions: [
      { type: 'add', path: 'src/components/{{name}}/{{name}}.tsx', templateFile: 'templates/component.tsx.hbs' },
      { type: 'add', path: 'src/components/{{name}}/{{name}}.test.tsx', templateFile: 'templates/component.test.tsx.hbs' },
      { type: 'add', path: 'src/components/{{name}}/index.ts', templateFile: 'templates/index.ts.hbs' },
    ],
  });
}
