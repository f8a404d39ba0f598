// Connected regions of a binary mask (8-connected), with the few statistics the OCR steps need:
// the text detector reads boxes from its probability map this way, the line finder its rules.

export interface Component {
  x0: number;
  y0: number;
  /** inclusive */
  x1: number;
  /** inclusive */
  y1: number;
  area: number;
  sumX: number;
  sumY: number;
}

export interface Labelled {
  /** 0 for background, else 1 + the component's index. */
  labels: Int32Array;
  components: Component[];
}

export function labelComponents(mask: Uint8Array, width: number, height: number): Labelled {
  const labels = new Int32Array(width * height);
  const parent: number[] = [0];
  const find = (label: number): number => {
    let root = label;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[label] !== root) {
      const next = parent[label]!;
      parent[label] = root;
      label = next;
    }
    return root;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    if (ra < rb) {
      parent[rb] = ra;
      return ra;
    }
    parent[ra] = rb;
    return rb;
  };
  /** `label` joined with the neighbour's, whichever is set (0 is none). This runs per ink pixel: no allocation. */
  const join = (label: number, neighbour: number): number => (neighbour === 0 ? label : label === 0 ? find(neighbour) : union(label, neighbour));
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const above = row - width;
    for (let x = 0; x < width; x++) {
      if (!mask[row + x]) continue;
      let label: number;
      // Neighbours that touch each other were joined when the earlier of them was labelled: the pixel
      // above touches the three others (left, above-left, above-right), so it alone decides; without
      // it the left one has already met the one above-left. The regions come out the same, with
      // fewer unions (Wu, Otoo and Suzuki's decision tree).
      const up = y > 0 ? labels[above + x]! : 0;
      if (up !== 0) label = up;
      else {
        const upRight = y > 0 && x < width - 1 ? labels[above + x + 1]! : 0;
        const left = x > 0 ? labels[row + x - 1]! : 0;
        if (left !== 0) label = join(left, upRight);
        else label = join(y > 0 && x > 0 ? labels[above + x - 1]! : 0, upRight);
        if (label === 0) {
          label = parent.length;
          parent.push(label);
        }
      }
      labels[row + x] = label;
    }
  }
  // Every label straight to its root: a union always makes the smaller label the root, so in
  // ascending order each label's parent is already resolved.
  for (let label = 1; label < parent.length; label++) parent[label] = parent[parent[label]!]!;
  // Second pass: roots to dense indices (in the order the regions are met), statistics per component.
  const index = new Int32Array(parent.length).fill(-1);
  const components: Component[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      // The mask says where labels are, in a quarter of the bytes: most of a page is background.
      if (!mask[row + x]) continue;
      const root = parent[labels[row + x]!]!;
      let id = index[root]!;
      if (id < 0) {
        id = components.length;
        index[root] = id;
        components.push({ x0: x, y0: y, x1: x, y1: y, area: 0, sumX: 0, sumY: 0 });
      }
      const c = components[id]!;
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y > c.y1) c.y1 = y;
      c.area++;
      c.sumX += x;
      c.sumY += y;
      labels[row + x] = id + 1;
    }
  }
  return { labels, components };
}
