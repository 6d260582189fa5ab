import { test, expect } from 'vitest';
import { dataFrameFromJSON, applyFieldOverrides, createTheme, getFieldSeriesColor, standardFieldConfigEditorRegistry, ensureTimeField, FieldType } from '@grafana/data';
test('x', () => {
console.log(standardFieldConfigEditorRegistry.list().length);
const f = dataFrameFromJSON({schema:{fields:[{name:'time',type:FieldType.time},{name:'v',type:FieldType.number}]},data:{values:[[1,2],[3,4]]}});
const theme = createTheme({colors:{mode:'dark'}});
const out = applyFieldOverrides({data:[f,f], fieldConfig:{defaults:{color:{mode:'palette-classic'}},overrides:[]} as any, theme, replaceVariables:(s)=>s, timeZone:'utc'});
console.log(out[1].fields[1].config, out[1].fields[1].state!.seriesIndex, getFieldSeriesColor(out[1].fields[1], theme));
console.log(ensureTimeField({name:'t',type:FieldType.string,values:['2024-01-01T00:00:00Z'],config:{}}));
expect(1).toBe(1);
});
