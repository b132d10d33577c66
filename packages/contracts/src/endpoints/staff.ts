// Staff: the signed-in member, for the console.
import { StaffMe } from '../staff-me.js'
import { defineEndpoints, json } from './define.js'

export const staffEndpoints = defineEndpoints({
  getStaffMe: {
    principals: ['staff'],
    method: 'get',
    path: '/v1/staff/me',
    tags: ['Staff'],
    summary: 'The signed-in staff member, their clinic and what their role allows',
    responses: { 200: json(StaffMe, 'The staff member') },
  },
})
