import { validateSitePlan, type PlanProblem } from '@red-butler/domain';
import type { SitePlanDoc } from '../api/api.types';

/** The domain validator's English reasons (shared with the API's 400) in the words an admin reads. */
const REASONS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^must be an object$/, () => '应为对象 {…}'],
  [/^unknown field$/, () => '是不认识的字段'],
  [/^is required$/, () => '不能缺少'],
  [/^must be an array$/, () => '应为数组 […]'],
  [/^must have (\d+)–(\d+) items$/, (m) => `应有 ${m[1]}–${m[2]} 项`],
  [/^must be a finite number$/, () => '应为数字'],
  [/^must be between (\S+) and (\S+)$/, (m) => `应在 ${m[1]} 到 ${m[2]} 之间`],
  [/^must be a string$/, () => '应为文字'],
  [/^must be 1–(\d+) characters$/, (m) => `应为 1–${m[1]} 个字`],
  [/^must not contain control characters$/, () => '不能含控制字符'],
  [/^must enclose an area/, () => '应围成一块面积（至少 1 平方单位）'],
  [/^must not cross itself$/, () => '的边不能自相交叉'],
  [/^must be a positive integer$/, () => '应为正整数'],
  [/^is listed twice$/, () => '重复出现'],
  [/^lies outside the outline$/, () => '在小区边界（outline）之外'],
  [/^no such building in the compound$/, () => '不是该小区的楼栋'],
];

/** "buildings[2].polygon[5][0] 应在 0 到 240 之间": the field by its path, the reason in Chinese. */
export function planProblemText(problem: PlanProblem): string {
  for (const [re, say] of REASONS) {
    const m = re.exec(problem.message);
    if (m) return `${problem.field} ${say(m)}`;
  }
  return `${problem.field}：${problem.message}`;
}

/** Pasted or uploaded text checked like the API will check it: the plan, or the first problem in words. */
export function parsePlanText(text: string): { plan: SitePlanDoc; problem?: undefined } | { plan?: undefined; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: '不是有效的 JSON：请检查括号、逗号和引号' };
  }
  const checked = validateSitePlan(json);
  if (checked.problem) return { problem: planProblemText(checked.problem) };
  return { plan: checked.plan as SitePlanDoc };
}
