import { decodeCsv } from './csv-decode.util';
import { parseCsv } from './csv-parse.util';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and skips blank lines', () => {
    const text = '工单编号,诉求内容\r\nA-1,"楼道灯不亮，""很黑""，\n已两天"\r\n\r\nA-2,井盖丢失\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['工单编号', '诉求内容'] },
      { line: 2, cells: ['A-1', '楼道灯不亮，"很黑"，\n已两天'] },
      { line: 5, cells: ['A-2', '井盖丢失'] },
    ]);
  });

  it('reads tab-separated exports', () => {
    expect(parseCsv('a\tb\n1\t2')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
    ]);
  });
});

describe('decodeCsv', () => {
  it('strips a UTF-8 BOM and falls back to GBK for bytes that are not UTF-8', () => {
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('小区', 'utf8')]))).toEqual({ text: '小区', encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from('小区', 'utf8'))).toEqual({ text: '小区', encoding: 'utf-8' });
    // 小区 in GBK.
    expect(decodeCsv(Buffer.from([0xd0, 0xa1, 0xc7, 0xf8]))).toEqual({ text: '小区', encoding: 'gbk' });
  });
});
