// Staff: the console itself, and the signed-in member it shows.
import { StaffMe } from '../staff-me.js'
import { bytes, defineEndpoints, html, json } from './define.js'

export const staffEndpoints = defineEndpoints({
  getStaffMe: {
    principals: ['staff'],
    method: 'get',
    path: '/v1/staff/me',
    tags: ['Staff'],
    summary: 'The signed-in staff member, their clinic and what their role allows',
    responses: { 200: json(StaffMe, 'The staff member') },
  },
  getStaffConsole: {
    principals: [],
    method: 'get',
    path: '/admin',
    tags: ['Staff'],
    summary: "The staff console's page (also at /admin/); it signs in with /api/auth and calls this API",
    responses: { 200: html('The page') },
    errors: ['UNAVAILABLE'],
    sdk: { excluded: 'a page for staff in a browser' },
  },
  getStaffConsoleScript: {
    principals: [],
    method: 'get',
    path: '/admin/console.js',
    tags: ['Staff'],
    summary: "The staff console's script",
    responses: { 200: bytes('The script', 'text/javascript') },
    errors: ['UNAVAILABLE'],
    sdk: { excluded: 'part of the staff console page' },
  },
})
