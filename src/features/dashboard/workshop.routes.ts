// GET /trainer/workshop?code=<code>: the page to project. Its QR code (SVG drawn by the `qrcode`
// library) sends phones to the customer flow tagged with the workshop (/?workshop=<code>); the links
// open the dashboard of that workshop (live; its experiments table puts arms A and B side by side).
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { WORKSHOP_CODE } from './filters.ts';

export async function showWorkshop(req: Request, res: Response): Promise<void> {
  const raw = typeof req.query.code === 'string' ? req.query.code.trim() : '';
  if (raw === '') return res.status(200).render('trainer/workshop', { pageTitle: 'Live workshop', view: { code: '', error: undefined } });
  if (!WORKSHOP_CODE.test(raw)) {
    return res.status(422).render('trainer/workshop', {
      pageTitle: 'Live workshop',
      view: { code: raw, error: 'A workshop code is 3-32 lower-case letters, digits or dashes, e.g. lisbon-march.' },
    });
  }
  const link = `${req.protocol}://${req.get('host') ?? 'localhost'}/?workshop=${encodeURIComponent(raw)}`;
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const query = new URLSearchParams({ workshop: raw }).toString();
  res.status(200).render('trainer/workshop', {
    pageTitle: 'Live workshop',
    view: {
      code: raw,
      link,
      // The library's SVG, with an accessible name added to its root element.
      qrSvg: svg.replace('<svg ', `<svg role="img" aria-label="QR code: ${link.replace(/[<>&"]/g, '')}" `),
      dashboard: `/trainer/dashboard?${query}`,
    },
  });
}
