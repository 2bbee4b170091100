import { xmlProblem } from '../../test/support/xml-well-formed';
import { formatOfUrl, isoShanghai, render, splitFormat } from './open311-format.util';
import { maskPersonalData } from './open311-redact.util';
import { parseCreateForm } from './open311-request.form';

describe('Open311 formats', () => {
  it('renders lists with the spec element names and escapes text', () => {
    const xml = render('xml', 'service_requests', [{ service_request_id: 'HG1', description: 'a<b & "c"', media_url: null, lat: 38.5 }]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><service_requests><request><service_request_id>HG1</service_request_id>' +
        '<description>a&#60;b &#38; &#34;c&#34;</description><media_url/><lat>38.5</lat></request></service_requests>',
    );
    expect(render('xml', 'errors', [{ code: 404, description: 'x\u0001y' }])).toContain('<errors><error><code>404</code><description>xy</description></error></errors>');
    expect(render('json', 'errors', [{ code: 400, description: 'd' }])).toBe('[{"code":400,"description":"d"}]');
  });

  it('drops every character XML 1.0 cannot carry, so one description cannot break the feed', () => {
    const hostile = 'a\uFFFEb\uFFFFc\u0000d\u0008e\u000Bf\u001Fg\uD800h\uDFFFi\u{1F600}j\tk\nl\rm\uFFFDn';
    const xml = render('xml', 'service_requests', [{ description: hostile, status_notes: '\uDBFF' }]);
    expect(xmlProblem(xml)).toBeNull();
    // Tab, newline, carriage return, astral characters (a surrogate pair) and U+FFFD stay.
    expect(xml).toContain('<description>abcdefghi\u{1F600}j\tk\nl\rm\uFFFDn</description><status_notes></status_notes>');
    // JSON carries any string: it is left as it was.
    expect(JSON.parse(render('json', 'service_requests', [{ description: hostile }]))[0].description).toBe(hostile);
  });

  it('splits the format off the last dot and refuses other formats', () => {
    expect(splitFormat('services.xml')).toEqual({ resource: 'services', format: 'xml' });
    expect(splitFormat('a.b.JSON')).toEqual({ resource: 'a.b', format: 'json' });
    expect(() => splitFormat('services.csv')).toThrow(/format/);
    expect(() => splitFormat('.json')).toThrow(/format/);
    expect(formatOfUrl('/open311/v2/requests.json?x=1.xml')).toBe('json');
    expect(formatOfUrl('/open311/v2/')).toBe('xml');
  });

  it('writes times with the +08:00 offset', () => {
    expect(isoShanghai(new Date('2026-11-25T17:30:05.900Z'))).toBe('2026-11-26T01:30:05+08:00');
    expect(isoShanghai(null)).toBeNull();
  });

  it('masks mobiles and e-mail addresses, not other numbers', () => {
    expect(maskPersonalData('电话13912345678，邮箱 a.b@example.com，6号楼301')).toBe('电话139****5678，邮箱 ***@***，6号楼301');
    expect(maskPersonalData('编号 213912345678')).toBe('编号 213912345678');
  });

  it('reads attribute[code] fields and normalises the phone', () => {
    const form = parseCreateForm({ service_code: 'x', 'attribute[building]': ' 6号楼 ', 'attribute[unit][]': ['2'], phone: '+86 139-1234-5678' });
    expect(form.attributes).toEqual({ building: '6号楼', unit: '2' });
    expect(form.phone).toBe('13912345678');
    expect(() => parseCreateForm({ service_code: ['a', 'b'] })).toThrow(/service_code: given more than once/);
  });
});
