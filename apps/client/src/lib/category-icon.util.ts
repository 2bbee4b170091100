// The API names each category's icon by a code (seeds/demo.json); the client draws it as an emoji,
// which both WeChat and browsers render without shipping image files in the main package.
const ICONS: Record<string, string> = {
  building: '🏗️',
  charging: '🔌',
  door: '🚪',
  drain: '🚰',
  elevator: '🛗',
  fire: '🚒',
  food: '🍱',
  gas: '🔥',
  light: '💡',
  manhole: '🕳️',
  noise: '🔊',
  parking: '🅿️',
  pipe: '💧',
  power: '⚡',
  price: '💴',
  roof: '🏠',
  service: '🧹',
  stairs: '📦',
  stall: '🛒',
  trash: '🗑️',
  tree: '🌳',
  wall: '🧱',
  water: '🚿',
};

export const categoryIcon = (code: string) => ICONS[code] ?? '📋';

/** The icon codes an admin can give a category (the API accepts any code; unknown ones draw as 📋). */
export const ICON_CODES = Object.keys(ICONS);
