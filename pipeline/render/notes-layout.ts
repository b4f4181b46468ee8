// Footnotes at the foot of their call's page (edition.notes: "foot"). Chromium has no
// `float: footnote`, so this pass, run in the loaded print page before the first print, cuts
// each chapter that has notes into pages of its own. It lets Chromium fragment the chapter
// into columns the size of the page area (a multi-column box breaks exactly as pages do:
// widows, orphans, headings kept with what follows); shortens the first column until the notes
// of the calls left in it fit below; and moves that column's content and those notes into a
// page-sized box. A note too long for its page continues on the next, under a full rule.
//
// This function is serialised into the page, so it imports nothing and names no module value.
// The manuscript's own script stays off: this runs through the debugging protocol.

export interface NotesLayout {
  /** The page area (the page box less its margins) as CSS lengths. */
  width: string
  height: string
  /** The most of the page area that notes may fill before one continues overleaf. */
  share: number
}

export function layoutNotes({width, height, share}: NotesLayout): void {
  const gap = 64
  const area = document.createElement('div')
  area.style.cssText = `position:absolute;visibility:hidden;width:${width};height:${height}`
  document.body.append(area)
  const W = area.getBoundingClientRect().width
  const H = area.getBoundingClientRect().height
  area.remove()

  const columnsCss = `width:${W}px;column-width:${W}px;column-gap:${gap}px;column-fill:auto;`
  const columnOf = (box: Element, rect: DOMRect) => Math.floor((rect.left - box.getBoundingClientRect().left + 1) / (W + gap))
  const textRects = (node: Node, start?: number, end?: number) => {
    const range = document.createRange()
    if (start === undefined) range.selectNodeContents(node)
    else {
      range.setStart(node, start)
      range.setEnd(node, end!)
    }
    return range.getClientRects()
  }
  const atomic = new Set(['IMG', 'SVG', 'HR', 'BR', 'VIDEO', 'CANVAS', 'INPUT', 'IFRAME', 'OBJECT'])

  // The first place in `box` whose content lies in its second column or later, as a boundary
  // point lifted to the outermost element it opens; none when everything fits the first.
  const overflowPoint = (box: Element): {node: Node; offset: number} | undefined => {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        const element = node as Element
        if (!atomic.has(element.tagName.toUpperCase())) continue
        const rect = element.getBoundingClientRect()
        if (rect.width === 0 && rect.height === 0) continue
        if (columnOf(box, rect) >= 1) return lift(box, element.parentNode!, indexOf(element))
        continue
      }
      const rects = textRects(node)
      if (rects.length === 0) continue
      if (columnOf(box, rects[0]!) >= 1) return lift(box, node.parentNode!, indexOf(node))
      if (columnOf(box, rects[rects.length - 1]!) === 0) continue
      const text = node.textContent ?? ''
      // Characters without a box of their own (collapsed spaces) take the next one's column.
      const columnAt = (index: number) => {
        for (let at = index; at < text.length; at++) {
          const found = textRects(node, at, at + 1)
          if (found.length > 0) return columnOf(box, found[0]!)
        }
        return 1
      }
      let low = 0
      let high = text.length
      while (low < high) {
        const middle = (low + high) >> 1
        if (columnAt(middle) >= 1) high = middle
        else low = middle + 1
      }
      return low === 0 ? lift(box, node.parentNode!, indexOf(node)) : {node, offset: low}
    }
    return undefined
  }
  const indexOf = (node: Node) => Array.prototype.indexOf.call(node.parentNode!.childNodes, node) as number
  const blank = (node: Node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() === ''
  // A break before an element's first content is a break before the element.
  const lift = (box: Element, parent: Node, offset: number): {node: Node; offset: number} => {
    let at = {node: parent, offset}
    while (at.node !== box && [...at.node.childNodes].slice(0, at.offset).every(blank))
      at = {node: at.node.parentNode!, offset: indexOf(at.node)}
    return at
  }

  // Cuts what comes before `point` out of `box`; an element cut in two keeps its id, its
  // numbering and its justified last line in the first part, and goes on without an indent
  // or a list marker in the second.
  const cut = (box: Element, point: {node: Node; offset: number} | undefined): DocumentFragment => {
    const range = document.createRange()
    range.setStart(box, 0)
    if (point) range.setEnd(point.node, point.offset)
    else range.setEnd(box, box.childNodes.length)
    const parted: Element[] = []
    for (let node: Node | null = point?.node ?? null; node && node !== box; node = node.parentNode)
      if (node.nodeType === Node.ELEMENT_NODE) parted.unshift(node as Element)
    const fragment = range.extractContents()
    let first: Node | null = fragment
    parted.forEach((rest, index) => {
      first = first?.lastChild ?? null
      if (!(first instanceof Element)) return
      first.classList.add('split')
      rest.classList.add('continued')
      rest.removeAttribute('id')
      if (getComputedStyle(rest).textAlign === 'justify') (first as HTMLElement).style.textAlignLast = 'justify'
      if (rest instanceof HTMLOListElement) {
        const items = [...first.children].filter((child) => child.tagName === 'LI').length
        const whole = items - (parted[index + 1]?.tagName === 'LI' ? 1 : 0)
        rest.start = ((first as HTMLOListElement).start || 1) + whole
      }
      const head = first.tagName === 'TABLE' ? first.querySelector(':scope > thead') : null
      if (head && !rest.querySelector(':scope > thead')) rest.prepend(head.cloneNode(true))
    })
    return fragment
  }

  for (const chapter of document.querySelectorAll('section.chapter')) {
    const list = chapter.querySelector(':scope > section.footnotes, :scope > section[data-footnotes]')
    if (!list) continue
    const notes = new Map<string, HTMLLIElement>()
    ;[...list.querySelectorAll('li[id]')].forEach((item, index) => {
      const note = item as HTMLLIElement
      if (!note.hasAttribute('value')) note.value = index + 1
      notes.set(note.id, note)
    })
    list.remove()

    // The chapter is laid out on a stage of its own, contained, so that what changes in it on
    // every page does not lay the rest of the book out again: a whole-book cost per page.
    const stage = document.createElement('div')
    stage.style.cssText = `position:absolute;left:0;top:0;width:${W}px;height:${3 * H}px;contain:strict`
    const home = document.createComment('')
    chapter.replaceWith(home)
    stage.append(chapter)
    ;(home.parentNode as Element).prepend(stage)

    // Columns `W` wide and as high as the page area: what overflows goes on to further columns.
    const flow = document.createElement('div')
    flow.className = 'galley-measure'
    flow.style.cssText = `${columnsCss}height:${H}px;contain:strict`
    // The flow holds only enough of the chapter to fill two columns: laying out the whole
    // rest of a long chapter for every page would cost its length squared.
    const pending = document.createDocumentFragment()
    pending.append(...chapter.childNodes)
    chapter.append(flow)
    // A full-bleed figure is a page of its own, with no notes: in the flow it fills one column,
    // and at the top of the flow it leaves it as it is, for the browser to print on its page.
    const plates = [...pending.querySelectorAll('figure.full-bleed')] as HTMLElement[]
    for (const plate of plates) plate.style.cssText = `height:${H}px;break-before:column;break-after:column`
    const fill = () => {
      while (pending.firstChild) {
        const fragments = flow.lastElementChild?.getClientRects()
        if (fragments && fragments.length > 0 && columnOf(flow, fragments[fragments.length - 1]!) >= 1) return
        for (let count = 0; count < 8 && pending.firstChild; count++) flow.append(pending.firstChild)
      }
    }
    const sizer = document.createElement('div')
    sizer.style.cssText = `position:absolute;visibility:hidden;left:0;top:0;width:${W}px`
    stage.append(sizer)
    let calls = [...pending.querySelectorAll('a[data-footnote-ref]')]
    const noteOf = (call: Element) => notes.get(decodeURIComponent((call.getAttribute('href') ?? '').slice(1)))
    const paired = new Map(calls.map((call) => [call, noteOf(call)]))
    // A call and its note share a page, so a link between them takes the reader nowhere; and
    // Chromium's time to print grows fast with a book's links (a note in every paragraph of
    // 100 Brown chapters printed in 65 s with them, 30 s without).
    for (const call of calls) call.removeAttribute('href')
    let carried: Element | undefined
    let previous: HTMLElement | undefined

    const notesFor = (placed: Element[]) => {
      const foot = document.createElement('div')
      foot.className = 'page-notes'
      if (carried) {
        foot.classList.add('continues')
        foot.append(carried)
      }
      const ol = document.createElement('ol')
      for (const call of placed) {
        const note = paired.get(call)
        if (note) ol.append(note)
      }
      if (ol.children.length > 0) foot.append(ol)
      return foot
    }
    const heightOf = (foot: Element) => {
      sizer.append(foot)
      return foot.getBoundingClientRect().height
    }
    const notesBox = (content: Node[]) => {
      const box = document.createElement('div')
      box.className = 'page-notes'
      box.append(...content)
      return box
    }
    const lineOf = (foot: Element) => parseFloat(getComputedStyle(foot).lineHeight) || 12
    // What of `box` fits `height`, taken out of it, and what does not, left in it.
    const cutTo = (box: Element, height: number) => {
      sizer.append(box)
      ;(box as HTMLElement).style.cssText = `${columnsCss}box-sizing:border-box;height:${height}px`
      const shown = cut(box, overflowPoint(box))
      box.removeAttribute('style')
      box.remove()
      return {shown, rest: [...box.childNodes]}
    }
    const inFirstColumn = () => calls.filter((call) => flow.contains(call) && columnOf(flow, call.getBoundingClientRect()) === 0)

    while (calls.length > 0 || carried) {
      flow.style.height = `${H}px`
      fill()
      const top = [...flow.childNodes].find((node) => !blank(node))
      if (top instanceof HTMLElement && plates.includes(top)) {
        top.removeAttribute('style')
        previous?.classList.add('page-end')
        previous = undefined
        flow.before(top)
        continue
      }
      let placed = inFirstColumn()
      let reserve = 0
      let foot = notesFor([])
      // The reserve only grows and the calls left in the column only shrink: this ends.
      for (;;) {
        foot.remove()
        foot = notesFor(placed)
        const need = foot.childNodes.length > 0 ? Math.min(heightOf(foot), H * share) : 0
        if (need <= reserve) break
        reserve = need
        flow.style.height = `${H - reserve}px`
        placed = inFirstColumn()
      }
      foot.remove()
      const incoming = carried
      carried = undefined

      const page = document.createElement('div')
      page.className = 'galley-page'
      const body = document.createElement('div')
      body.className = 'page-body'
      const point = overflowPoint(flow)
      // A first line that does not fit still goes on this page, so that every page moves on.
      body.append(cut(flow, point && point.node === flow && point.offset === 0 ? {node: flow, offset: 1} : point))
      page.append(body)
      if (foot.childNodes.length > 0) {
        // A note going on from the page before yields to this page's own notes, which must
        // begin here: it keeps what room they leave, and at least two lines.
        const own = foot.querySelector(':scope > ol')
        const rest: Node[] = []
        if (incoming && own) {
          const ownHeight = heightOf(notesBox([own.cloneNode(true)]))
          const kept = cutTo(notesBox([...incoming.childNodes]), Math.max(reserve - ownHeight, lineOf(foot) * 2))
          incoming.replaceChildren(kept.shown)
          rest.push(...kept.rest)
        }
        // Notes longer than their share of the page go on overleaf from where they are cut.
        const fitted = cutTo(foot, reserve)
        foot.replaceChildren(fitted.shown)
        rest.push(...fitted.rest)
        if (rest.length > 0) {
          carried = document.createElement('div')
          carried.append(...rest)
        }
        page.append(foot)
        page.style.height = `${H}px`
        page.classList.add('has-notes')
      }
      calls = calls.filter((call) => !body.contains(call))
      previous?.classList.add('page-end')
      previous = page
      flow.before(page)
    }
    // What follows the last note flows on as the browser pages it.
    flow.append(pending)
    for (const plate of plates) plate.removeAttribute('style')
    if (flow.childNodes.length > 0) previous?.classList.add('page-end')
    flow.replaceWith(...flow.childNodes)
    sizer.remove()
    home.replaceWith(chapter)
    stage.remove()
  }
}
